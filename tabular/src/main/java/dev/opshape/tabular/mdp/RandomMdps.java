package dev.opshape.tabular.mdp;

import dev.opshape.tabular.InvalidModelException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A distribution over random tabular MDPs: every transition row P(. | s, a) is drawn from a symmetric
 * Dirichlet(concentration) over the S next states, every mean reward r(s, a) from U[rewardLow, rewardHigh), and
 * every trajectory starts in {@code startState}. {@link #PAPER} is the setting of the tabular experiments of Liu,
 * Feng et al. (2022): 20 states, 5 actions, concentration 0.001 (nearly deterministic rows), rewards U(0, 1),
 * start state 0.
 *
 * <h2>Reproducibility</h2>
 * MDP {@code index} under master seed {@code seed} is a pure function of (seed, index) and of this record: row c =
 * s * A + a of the transitions comes from the Philox4x64 stream with key (seed, {@link #TRANSITION_STREAM}) and
 * counter (0, 0, index, c), the rewards from key (seed, {@link #REWARD_STREAM}) and counter (0, 0, index, 0). So
 * MDP 7 is the same whether 1 or 100 MDPs are drawn, in any order, on any thread; changing the reward range leaves
 * the transitions alone and changing the concentration leaves the rewards alone.
 *
 * <h2>Small concentrations</h2>
 * A Dirichlet row is a vector of independent Gamma(alpha) draws divided by their sum. For alpha = 0.001 a
 * Gamma(alpha) draw is below 1e-300 about three times in four (P(G &lt; x) is about x^alpha), so drawing the
 * gammas directly underflows to rows of zeros. Here each draw is made in logarithms, from the identity
 * Gamma(alpha) = Gamma(alpha + 1) U^(1 / alpha) (U uniform on (0, 1)): log G = log Gamma(alpha + 1) + log(U) / alpha,
 * and the row is exp(log G_j - max_k log G_k) normalised. That is exact in distribution; components whose ratio to
 * the largest is below the double range (e^-745) come out as exact zeros, which the model stores sparsely.
 *
 * @param states        S &gt;= 1
 * @param actions       A &gt;= 2
 * @param concentration the symmetric Dirichlet parameter alpha &gt; 0 of every transition row
 * @param rewardLow     lower end of the mean rewards' range (finite)
 * @param rewardHigh    upper end (finite, &gt;= rewardLow; equal ends give constant rewards)
 * @param startState    the start state, in [0, S)
 */
public record RandomMdps(int states, int actions, double concentration, double rewardLow, double rewardHigh,
                         int startState) {

    /** The seed paper's tabular setting: 20 states, 5 actions, Dirichlet(0.001) rows, U(0, 1) rewards, start 0. */
    public static final RandomMdps PAPER = new RandomMdps(20, 5, 0.001, 0.0, 1.0, 0);

    /** Largest number of cells S * A * S (dense transition entries) accepted: 2^26 doubles, 512 MiB. */
    public static final long MAX_ENTRIES = 1L << 26;

    /** Key word 1 of the transition rows' streams ("MDP-TRAN" in ASCII). */
    public static final long TRANSITION_STREAM = 0x4D44_502D_5452_414EL;

    /** Key word 1 of the rewards' stream ("MDP-REWD" in ASCII). */
    public static final long REWARD_STREAM = 0x4D44_502D_5245_5744L;

    /** Checks every field; the message names the bad one and what it allows. */
    public RandomMdps {
        if (states < 1) {
            throw new InvalidModelException("states = " + states + "; an MDP needs at least 1 state");
        }
        if (actions < 2) {
            throw new InvalidModelException("actions = " + actions + "; an MDP needs at least 2 actions");
        }
        if ((long) states * actions * states > MAX_ENTRIES) {
            throw new InvalidModelException(states + " states and " + actions + " actions need "
                    + (long) states * actions * states + " transition entries; at most " + MAX_ENTRIES
                    + " are supported");
        }
        if (!(concentration > 0) || Double.isInfinite(concentration)) {
            throw new InvalidModelException("concentration = " + concentration
                    + "; the Dirichlet concentration must be a finite number > 0");
        }
        if (!Double.isFinite(rewardLow) || !Double.isFinite(rewardHigh) || rewardHigh < rewardLow) {
            throw new InvalidModelException("reward range [" + rewardLow + ", " + rewardHigh
                    + "); the ends must be finite with low <= high");
        }
        if (startState < 0 || startState >= states) {
            throw new InvalidModelException("start state = " + startState + "; it must be in 0.." + (states - 1));
        }
    }

    /**
     * MDP {@code index} of this distribution under the master seed, named {@code mdp-<index>}.
     *
     * @param seed  master seed, any value
     * @param index the MDP's index, read as an unsigned 64-bit number
     */
    public TabularMdp draw(long seed, long index) {
        double[][][] transitions = new double[states][actions][];
        double[] logGamma = new double[states];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                UniformRandomProvider rng = new Philox4x64(new long[] {seed, TRANSITION_STREAM, 0, 0, index,
                        (long) s * actions + a});
                transitions[s][a] = dirichletRow(rng, logGamma);
            }
        }
        UniformRandomProvider rewardRng = new Philox4x64(new long[] {seed, REWARD_STREAM, 0, 0, index, 0});
        double[][] rewards = new double[states][actions];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                rewards[s][a] = rewardLow + (rewardHigh - rewardLow) * rewardRng.nextDouble();
            }
        }
        double[] start = new double[states];
        start[startState] = 1.0;
        return TabularMdp.of("mdp-" + Long.toUnsignedString(index), transitions, rewards, start);
    }

    /** One Dirichlet(concentration) row of length S, drawn in logarithms (see the class comment). */
    private double[] dirichletRow(UniformRandomProvider rng, double[] logGamma) {
        ContinuousSampler boosted =
                AhrensDieterMarsagliaTsangGammaSampler.of(rng, concentration + 1.0, 1.0);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < states; j++) {
            // 1 - nextDouble() is in (0, 1], so its logarithm is finite.
            logGamma[j] = Math.log(boosted.sample()) + Math.log(1.0 - rng.nextDouble()) / concentration;
            max = Math.max(max, logGamma[j]);
        }
        double[] row = new double[states];
        double sum = 0;
        for (int j = 0; j < states; j++) {
            row[j] = Math.exp(logGamma[j] - max);
            sum += row[j];
        }
        for (int j = 0; j < states; j++) {
            row[j] /= sum;
        }
        return row;
    }
}
