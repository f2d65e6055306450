package dev.opshape.shaping.training;

import org.apache.commons.math3.stat.StatUtils;

import java.util.Arrays;

/**
 * Per update, the effective sample size (sum w)^2 / sum w^2 of the importance weights behind each replaying
 * learner's last lookahead estimate (see {@link dev.opshape.shaping.learner.Learner#effectiveSampleSize}): entry u is
 * for the direction of update u + 1, so each array has {@code steps} entries; NaN for an agent that replays nothing.
 * An on-policy batch of B trajectories is worth B; a buffer of N trajectories from older policies is worth between 1
 * and N.
 *
 * @param ess1 agent 1's, per update
 * @param ess2 agent 2's
 */
public record EffectiveSampleSizes(double[] ess1, double[] ess2) {

    /** Arrays of NaN for {@code steps} updates. */
    static EffectiveSampleSizes empty(int steps) {
        EffectiveSampleSizes e = new EffectiveSampleSizes(new double[steps], new double[steps]);
        Arrays.fill(e.ess1, Double.NaN);
        Arrays.fill(e.ess2, Double.NaN);
        return e;
    }

    /** Agent i's effective sample size at update u (entry u). */
    public double ess(int agent, int u) {
        return (agent == 0 ? ess1 : ess2)[u];
    }

    /** Agent i's mean over updates (NaN if it replays nothing). */
    public double mean(int agent) {
        return StatUtils.mean(agent == 0 ? ess1 : ess2);
    }
}
