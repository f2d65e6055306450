package dev.opshape.games.sample;

import dev.opshape.games.InvalidGameException;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.ActionLogits;
import dev.opshape.games.policy.PolicyLayout;

/**
 * Draws trajectories of an iterated game played by two memory-1 policies into a {@link TrajectoryBatch}.
 *
 * <h2>What is drawn</h2>
 * For parameters (theta1, theta2), logit vectors laid out per {@link PolicyLayout}, each trajectory b plays T moves
 * (T = {@link TrajectoryBatch#steps()}): at t = 0 both agents are in their start state 0; at every step agent 1 draws
 * its action from pi1(. | s1), then agent 2 from pi2(. | s2), and each then moves to its own-view state of the joint
 * action (agent 1: 1 + a1 * m + a2, agent 2: 1 + a2 * n + a1). The batch receives states, actions, undiscounted
 * rewards and log-probabilities at index b * T + t.
 *
 * <h2>Random numbers, reproducibility</h2>
 * Trajectory b uses its own stream, {@link PhiloxStream#reset(long, long, long) PhiloxStream.reset(seed, stream, b)}
 * (commons-rng {@code Philox4x64(new long[] {seed, stream, 0, 0, b, 0})}), and consumes exactly two
 * {@code nextDouble()} values per step, agent 1's first. An action is drawn by inverse CDF from one uniform u in
 * [0, 1): the smallest action a with u &lt; pi(0) + ... + pi(a), where the cumulative sum is pinned to 1 from the last
 * action of positive probability on, so actions of probability 0 are never drawn. Because nothing else enters a
 * trajectory, the output of trajectory b depends only on (game, theta1, theta2, seed, stream, b, T): never on the
 * batch size, on which range a call fills, on the order of calls or on the number of threads.
 *
 * <h2>Deterministic policies</h2>
 * Logits may be +-infinity; a certain action then has probability 1 and log-probability 0 (possibly -0.0), exactly
 * as {@link ActionLogits#logProbability} computes it.
 *
 * <h2>Cost and threads</h2>
 * A sampler owns its workspace (per-state cumulative probabilities and log-probabilities of both agents, recomputed
 * once per call from theta) and its stream, all allocated in the constructor: no sampling call allocates. It is not
 * thread-safe: use one per thread, for example through {@link ParallelTrajectorySampler}, with disjoint trajectory
 * ranges of one batch.
 */
public final class TrajectorySampler {

    private final IteratedGame game;
    private final int n;
    private final int m;
    private final int logitsPerState1;
    private final int logitsPerState2;
    private final int dimension1;
    private final int dimension2;
    private final int numStates;
    /** Rewards by joint outcome j = a1 * m + a2. */
    private final double[] reward1;
    private final double[] reward2;
    /** Agent 2's own-view state after joint outcome j (agent 1's is 1 + j). */
    private final int[] nextState2;
    /**
     * Per-state inverse-CDF tables and log-probabilities: cumulative1[s * n + a] = pi1(0 | s) + ... + pi1(a | s)
     * (pinned to 1 from the last positive-probability action on), logProb1[s * n + a] = log pi1(a | s); likewise for
     * agent 2 with m.
     */
    private final double[] cumulative1;
    private final double[] cumulative2;
    private final double[] logProb1;
    private final double[] logProb2;
    private final PhiloxStream random = new PhiloxStream();

    /**
     * @param game the iterated game; only its stage game and horizon matter here (rewards are stored undiscounted).
     *             For a finite horizon T every batch must have T steps; for an infinite horizon any length is
     *             accepted (the trajectories are then truncations).
     */
    public TrajectorySampler(IteratedGame game) {
        if (game == null) {
            throw new IllegalArgumentException("game is null; a sampler needs an iterated game");
        }
        this.game = game;
        MatrixGame stage = game.game();
        this.n = stage.rows();
        this.m = stage.columns();
        PolicyLayout layout1 = game.layout(0);
        PolicyLayout layout2 = game.layout(1);
        this.logitsPerState1 = layout1.logitsPerState();
        this.logitsPerState2 = layout2.logitsPerState();
        this.dimension1 = layout1.dimension();
        this.dimension2 = layout2.dimension();
        this.numStates = layout1.numStates();
        this.reward1 = stage.outcomeRewards(0);
        this.reward2 = stage.outcomeRewards(1);
        this.nextState2 = new int[n * m];
        for (int a1 = 0; a1 < n; a1++) {
            for (int a2 = 0; a2 < m; a2++) {
                nextState2[a1 * m + a2] = layout2.stateAfter(a1, a2);
            }
        }
        this.cumulative1 = new double[numStates * n];
        this.cumulative2 = new double[numStates * m];
        this.logProb1 = new double[numStates * n];
        this.logProb2 = new double[numStates * m];
    }

    /** The game this sampler draws from. */
    public IteratedGame game() {
        return game;
    }

    /** Length of agent 1's logit vector theta1. */
    public int dimension1() {
        return dimension1;
    }

    /** Length of agent 2's logit vector theta2. */
    public int dimension2() {
        return dimension2;
    }

    /**
     * Fills every trajectory [0, B) of the batch. Same as {@link #sample(double[], double[], long, long,
     * TrajectoryBatch, int, int) sample(theta1, theta2, seed, stream, batch, 0, batch.capacity())}.
     */
    public void sample(double[] theta1, double[] theta2, long seed, long stream, TrajectoryBatch batch) {
        sample(theta1, theta2, seed, stream, batch, 0, batch == null ? 0 : batch.capacity());
    }

    /**
     * Fills trajectories b in [from, to) of the batch (all T steps of each; other trajectories are untouched).
     * Reads theta1 and theta2 (not retained), overwrites this sampler's workspace and the batch entries
     * [from * T, to * T) of every array. An empty range (from == to) only validates.
     *
     * @param theta1 agent 1's logits, length {@link #dimension1()}; +-infinity allowed, NaN not
     * @param theta2 agent 2's logits, length {@link #dimension2()}; +-infinity allowed, NaN not
     * @param seed   master seed (key word 0 of every trajectory's stream)
     * @param stream stream index (key word 1), to separate independent batches drawn under one seed
     * @param batch  destination; for a finite-horizon game its T must equal the horizon
     * @param from   first trajectory, 0 &lt;= from &lt;= to
     * @param to     one past the last trajectory, to &lt;= B
     * @throws InvalidGameException     if a logit vector has the wrong length or holds NaN
     * @throws IllegalArgumentException if the batch is null, its T disagrees with a finite horizon, or the range is
     *                                  not within [0, B)
     */
    public void sample(double[] theta1, double[] theta2, long seed, long stream, TrajectoryBatch batch, int from,
                       int to) {
        validate(theta1, theta2, batch, from, to);
        preparePolicy(theta1, logitsPerState1, n, cumulative1, logProb1);
        preparePolicy(theta2, logitsPerState2, m, cumulative2, logProb2);
        int steps = batch.steps();
        int[] outState1 = batch.state1();
        int[] outState2 = batch.state2();
        int[] outAction1 = batch.action1();
        int[] outAction2 = batch.action2();
        double[] outReward1 = batch.reward1();
        double[] outReward2 = batch.reward2();
        double[] outLogProb1 = batch.logProb1();
        double[] outLogProb2 = batch.logProb2();
        for (int b = from; b < to; b++) {
            random.reset(seed, stream, b);
            int s1 = 0;
            int s2 = 0;
            int i = b * steps;
            for (int t = 0; t < steps; t++, i++) {
                int a1 = inverseCdf(cumulative1, s1 * n, n, random.nextDouble());
                int a2 = inverseCdf(cumulative2, s2 * m, m, random.nextDouble());
                int outcome = a1 * m + a2;
                outState1[i] = s1;
                outState2[i] = s2;
                outAction1[i] = a1;
                outAction2[i] = a2;
                outReward1[i] = reward1[outcome];
                outReward2[i] = reward2[outcome];
                outLogProb1[i] = logProb1[s1 * n + a1];
                outLogProb2[i] = logProb2[s2 * m + a2];
                s1 = 1 + outcome;
                s2 = nextState2[outcome];
            }
        }
    }

    /**
     * The smallest action a in [0, k) with u &lt; cumulative[offset + a] (k - 1 if there is none, which cannot
     * happen for u &lt; 1 because the table is pinned to 1). The table is non-decreasing, so that action is the
     * number of entries among the first k - 1 that are &lt;= u. Counting without an early exit compiles to
     * branch-free compares: the actions are random, so a search loop's exit branch is mispredicted about as often as
     * an action changes, and the counting form measured about 25% faster per step.
     */
    private static int inverseCdf(double[] cumulative, int offset, int k, double u) {
        int action = 0;
        int end = offset + k - 1;
        for (int j = offset; j < end; j++) {
            action += u >= cumulative[j] ? 1 : 0;
        }
        return action;
    }

    /** Fills the inverse-CDF table and log-probabilities of every state of one agent from its logits. */
    private void preparePolicy(double[] theta, int logitsPerState, int k, double[] cumulative, double[] logProb) {
        for (int s = 0; s < numStates; s++) {
            int offset = s * k;
            int thetaOffset = s * logitsPerState;
            ActionLogits.probabilities(theta, thetaOffset, k, cumulative, offset);
            double sum = 0;
            int lastPossible = 0;
            for (int a = 0; a < k; a++) {
                double p = cumulative[offset + a];
                if (p > 0) {
                    lastPossible = a;
                }
                sum += p;
                cumulative[offset + a] = sum;
                logProb[offset + a] = ActionLogits.logProbability(theta, thetaOffset, k, a);
            }
            // Rounding may leave the total a few ulps below 1; a uniform in that gap must not fall through to an
            // action of probability 0, so the table is 1 from the last action that can occur.
            for (int a = lastPossible; a < k; a++) {
                cumulative[offset + a] = 1.0;
            }
        }
    }

    /**
     * Checks the arguments of a sampling call; the messages name the bad value. Used also by
     * {@link ParallelTrajectorySampler} so that errors surface on the caller's thread.
     */
    void validate(double[] theta1, double[] theta2, TrajectoryBatch batch, int from, int to) {
        checkLogits("theta1", theta1, dimension1);
        checkLogits("theta2", theta2, dimension2);
        if (batch == null) {
            throw new IllegalArgumentException("batch is null; pass a TrajectoryBatch to fill");
        }
        if (game.isFinite() && batch.steps() != game.horizon()) {
            throw new IllegalArgumentException("batch has T = " + batch.steps() + " steps but the game's horizon is "
                    + game.horizon() + "; a finite-horizon game needs batches of exactly its horizon");
        }
        if (from < 0 || to < from || to > batch.capacity()) {
            throw new IllegalArgumentException("trajectory range [" + from + ", " + to + ") is not within [0, "
                    + batch.capacity() + "); need 0 <= from <= to <= batch capacity");
        }
    }

    private static void checkLogits(String name, double[] theta, int expected) {
        if (theta == null || theta.length != expected) {
            throw new InvalidGameException(name + " has " + (theta == null ? "no" : theta.length)
                    + " logits; this game needs " + expected);
        }
        for (int i = 0; i < theta.length; i++) {
            if (Double.isNaN(theta[i])) {
                throw new InvalidGameException(name + "[" + i + "] is NaN; logits must be numbers (+-Infinity "
                        + "allowed for deterministic choices)");
            }
        }
    }
}
