package dev.opshape.shaping.training;

import dev.opshape.shaping.statistics.Correlation;

import java.util.Arrays;

/**
 * How close each sampled learner's update directions were to its exact counterpart's at the same points (the seed
 * paper's logged measure): entry u is for the direction of update u + 1, computed at the point after u updates, so
 * each array has {@code steps} entries. An agent whose rule samples nothing (or a fixed strategy) has NaN entries,
 * as has an update where either direction has zero spread (the correlation is undefined).
 *
 * @param corr1   Pearson correlation of agent 1's direction with the exact one, per update
 * @param corr2   agent 2's
 * @param cosine1 cosine similarity of agent 1's direction with the exact one, per update
 * @param cosine2 agent 2's
 */
public record DirectionAgreement(double[] corr1, double[] corr2, double[] cosine1, double[] cosine2) {

    /** Arrays of NaN for {@code steps} updates. */
    static DirectionAgreement empty(int steps) {
        DirectionAgreement a = new DirectionAgreement(new double[steps], new double[steps], new double[steps],
                new double[steps]);
        Arrays.fill(a.corr1, Double.NaN);
        Arrays.fill(a.corr2, Double.NaN);
        Arrays.fill(a.cosine1, Double.NaN);
        Arrays.fill(a.cosine2, Double.NaN);
        return a;
    }

    /** Records the agreement of agent i's sampled direction x with its exact direction y at update u. */
    void record(int agent, int u, double[] x, double[] y) {
        (agent == 0 ? corr1 : corr2)[u] = Correlation.pearson(x, y);
        (agent == 0 ? cosine1 : cosine2)[u] = Correlation.cosine(x, y);
    }

    /** The correlation of agent i's direction at update u (entry u). */
    public double corr(int agent, int u) {
        return (agent == 0 ? corr1 : corr2)[u];
    }

    /** The cosine of agent i's direction at update u (entry u). */
    public double cosine(int agent, int u) {
        return (agent == 0 ? cosine1 : cosine2)[u];
    }
}
