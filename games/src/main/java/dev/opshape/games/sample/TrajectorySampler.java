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
 * action (agent 1: 1 + a1 * m + a2, agent 2: 1 + a2 * n + a1). The batch receives, at index b * T + t, the joint
 * outcome and (unless it is a compact batch made without them) the joint log-probability, and a full batch also the
 * states, actions, undiscounted rewards and per-agent log-probabilities (see {@link TrajectoryBatch}).
 *
 * <h2>Trembling-hand noise</h2>
 * In a game with noise epsilon &gt; 0 ({@link IteratedGame#noise()}) the actions drawn from the policies are the
 * <em>intended</em> ones; then each agent's intended action is, independently and with probability epsilon,
 * replaced by one of its k - 1 other actions chosen uniformly, and the <em>executed</em> joint action is what the
 * batch stores as the outcome, what is paid, and what makes both agents' next states. The batch must hold intended
 * actions ({@link TrajectoryBatch#hasIntended()}): it receives the intended joint outcome as well, and the
 * log-probabilities are those of the intended actions (in the states of the executed history), which is what a
 * likelihood-ratio estimator scores: the noise does not depend on the logits, so the score of a trajectory is the
 * sum of the intended actions' scores, and the estimators stay unbiased for the noisy game.
 *
 * <h2>Random numbers, reproducibility</h2>
 * Trajectory b uses its own stream, {@link PhiloxStream#reset(long, long, long) PhiloxStream.reset(seed, stream, b)}
 * (commons-rng {@code Philox4x64(new long[] {seed, stream, 0, 0, b, 0})}), and consumes exactly two {@code
 * nextDouble()} values per step, agent 1's first, for the intended actions. An action is drawn by inverse CDF from one
 * uniform u in [0, 1): the smallest action a with u &lt; pi(0) + ... + pi(a), where the cumulative sum is pinned to 1
 * from the last action of positive probability on, so actions of probability 0 are never drawn. In a noisy game the
 * trembles of trajectory b come from a second lane of the same key, {@link PhiloxStream#reset(long, long, long, long)
 * PhiloxStream.reset(seed, stream, b, NOISE_LANE)} (commons-rng {@code Philox4x64(new long[] {seed, stream, 0, 0, b,
 * 1})}), again two {@code nextDouble()} values per step, agent 1's first: agent i trembles when its uniform u is below
 * epsilon, and then executes the r-th of its other actions in increasing order, r = min(k - 2, floor((u / epsilon) (k -
 * 1))) (u / epsilon is uniform in [0, 1) given a tremble). The intended actions thus use the very words of the
 * noiseless game, which stays bit for bit what it was (a noiseless game draws no noise words at all). Because nothing
 * else enters a trajectory, the output of trajectory b depends only on (game, theta1, theta2, seed, stream, b, T):
 * never on the batch size, on which range a call fills, on the order of calls or on the number of threads.
 *
 * <h2>Deterministic policies</h2>
 * Logits may be +-infinity; a certain action then has probability 1 and log-probability 0 (possibly -0.0), exactly
 * as {@link ActionLogits#logProbability} computes it.
 *
 * <h2>Cost and threads</h2>
 * A sampler owns its workspace (per-state inverse-CDF thresholds and log-probabilities of both agents, recomputed once
 * per call from theta, and buffers for one trajectory's random words, those of the trembles only in a noisy game) and
 * its stream, all allocated in the constructor (for an infinite-horizon game the buffer is sized by the first call of
 * each longer T): no sampling call allocates after that. The random words of a trajectory are generated in one go
 * before its moves are drawn, so that the processor can overlap the Philox blocks (see {@link PhiloxStream#nextLongs});
 * the moves themselves compare the 53-bit integer behind each uniform with integer thresholds, the same decision as
 * comparing the uniform with the cumulative probabilities. A compact batch is the fast path for estimators: per step it
 * receives one int (and one double with log-probabilities) instead of ten entries. It is not thread-safe: use one per
 * thread, for example through {@link ParallelTrajectorySampler}, with disjoint trajectory ranges of one batch.
 */
public final class TrajectorySampler {

    /** 2^53: a cumulative probability times this is the threshold of the 53-bit integer draws. */
    private static final double TWO_TO_53 = 0x1.0p53;
    /**
     * Counter word 3 of the Philox stream that draws a trajectory's trembles (see "Random numbers" above): a lane
     * disjoint from the intended actions' lane 0, so that the noise adds words without moving any of those.
     */
    public static final long NOISE_LANE = 1;

    private final IteratedGame game;
    /**
     * Actions of agent 1 (n) and agent 2 (m). After the joint action (a1, a2) agent 1's own-view state is
     * 1 + a1 m + a2 = 1 + outcome and agent 2's is 1 + a2 n + a1 ({@link PolicyLayout#stateAfter}), computed inline
     * in the move loops (a table lookup would lengthen each move's dependency chain by a load).
     */
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
    /**
     * Per-state inverse-CDF thresholds and log-probabilities: threshold1[s * n + a] = ceil(2^53 (pi1(0 | s) + ... +
     * pi1(a | s))), with the cumulative pinned to 1 from the last positive-probability action on (see
     * {@link #preparePolicy}), logProb1[s * n + a] = log pi1(a | s); likewise for agent 2 with m.
     */
    private final long[] threshold1;
    private final long[] threshold2;
    private final double[] logProb1;
    private final double[] logProb2;
    /** One state's probabilities (scratch). */
    private final double[] probability;
    /**
     * The 2T random words of the trajectory being drawn, generated in one go (see PhiloxStream#nextLongs), and of
     * the second trajectory of a pair (see {@link #drawPair}).
     */
    private long[] uniforms;
    private long[] otherUniforms;
    private final PhiloxStream random = new PhiloxStream();
    /** Trembling-hand noise epsilon, 0 in a noiseless game. */
    private final double noise;
    /**
     * ceil(epsilon 2^53): an agent trembles when the 53-bit integer behind its noise uniform is below this (u &lt;
     * epsilon, decided exactly as for the thresholds above).
     */
    private final long trembleThreshold;
    /** The 2T noise words of the trajectory being drawn: null in a noiseless game, which draws none. */
    private long[] trembles;

    /**
     * @param game the iterated game; only its stage game and horizon matter here (rewards are stored undiscounted).
     *             For a finite horizon T every batch must have T steps; for an infinite horizon any length is
     *             accepted (the trajectories are then truncations). With trembling-hand noise, every batch must
     *             hold intended actions (see the class comment).
     * @throws IllegalArgumentException if the game is null
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
        this.threshold1 = new long[numStates * n];
        this.threshold2 = new long[numStates * m];
        this.logProb1 = new double[numStates * n];
        this.logProb2 = new double[numStates * m];
        this.probability = new double[Math.max(n, m)];
        this.uniforms = new long[game.isFinite() ? 2 * game.horizon() : 0];
        this.otherUniforms = new long[uniforms.length];
        this.noise = game.noise();
        this.trembleThreshold = (long) Math.ceil(noise * TWO_TO_53);
        this.trembles = game.isNoisy() ? new long[uniforms.length] : null;
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
     * @param batch  destination; for a finite-horizon game its T must equal the horizon; for a noisy game it must
     *               hold intended actions
     * @param from   first trajectory, 0 &lt;= from &lt;= to
     * @param to     one past the last trajectory, to &lt;= B
     * @throws InvalidGameException     if a logit vector has the wrong length or holds NaN
     * @throws IllegalArgumentException if the batch is null, its T disagrees with a finite horizon, the game is
     *                                  noisy and the batch holds no intended actions, or the range is not within
     *                                  [0, B)
     */
    public void sample(double[] theta1, double[] theta2, long seed, long stream, TrajectoryBatch batch, int from,
                       int to) {
        validate(theta1, theta2, batch, from, to);
        preparePolicy(theta1, logitsPerState1, n, threshold1, logProb1);
        preparePolicy(theta2, logitsPerState2, m, threshold2, logProb2);
        int steps = batch.steps();
        if (uniforms.length < 2 * steps) {
            // Only for an infinite-horizon game, whose T the constructor could not know: grown on the first call with
            // a longer T, so not per call once sampling runs.
            uniforms = new long[2 * steps];
            otherUniforms = new long[2 * steps];
            if (trembles != null) {
                trembles = new long[2 * steps];
            }
        }
        if (trembles != null) {
            sampleNoisy(seed, stream, batch, from, to);
            return;
        }
        if (batch.isFull()) {
            sampleFull(seed, stream, batch, from, to);
        } else {
            sampleCompact(seed, stream, batch, from, to);
        }
        if (batch.hasIntended()) {
            // Without noise every intended action is executed.
            System.arraycopy(batch.outcome(), from * steps, batch.intended(), from * steps, (to - from) * steps);
        }
    }

    /** Draws trajectories [from, to) into a compact batch: outcomes and, if it keeps them, log-probabilities. */
    private void sampleCompact(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        int[] outOutcome = batch.outcome();
        double[] outLogProb = batch.hasLogProbabilities() ? batch.jointLogProb() : null;
        int b = from;
        if (outLogProb == null) {
            for (; b + 1 < to; b += 2) {
                random.reset(seed, stream, b);
                random.nextLongs(uniforms, 0, 2 * steps);
                random.reset(seed, stream, b + 1);
                random.nextLongs(otherUniforms, 0, 2 * steps);
                drawPair(steps, outOutcome, b * steps);
            }
        }
        long[] u = uniforms;
        for (; b < to; b++) {
            random.reset(seed, stream, b);
            random.nextLongs(u, 0, 2 * steps);
            int s1 = 0;
            int s2 = 0;
            int i = b * steps;
            for (int t = 0; t < steps; t++, i++) {
                int a1 = inverseCdf(threshold1, s1 * n, n, u[2 * t]);
                int a2 = inverseCdf(threshold2, s2 * m, m, u[2 * t + 1]);
                int outcome = a1 * m + a2;
                outOutcome[i] = outcome;
                if (outLogProb != null) {
                    outLogProb[i] = logProb1[s1 * n + a1] + logProb2[s2 * m + a2];
                }
                s1 = 1 + outcome;
                s2 = 1 + a2 * n + a1;
            }
        }
    }

    /**
     * The moves of two consecutive trajectories, whose random words are in {@link #uniforms} and
     * {@link #otherUniforms}, written as outcomes from {@code out[first]} on (the second trajectory follows the
     * first). Why two at once: within a trajectory each move waits for the previous one (state, threshold load,
     * compare, next state: a chain of about ten cycles), while the two trajectories' chains are independent, so
     * interleaving them lets the processor run both chains side by side (about 20% less time per batch, measured).
     */
    private void drawPair(int steps, int[] out, int first) {
        long[] u = uniforms;
        long[] w = otherUniforms;
        int s1 = 0;
        int s2 = 0;
        int r1 = 0;
        int r2 = 0;
        int second = first + steps;
        for (int t = 0; t < steps; t++) {
            int a1 = inverseCdf(threshold1, s1 * n, n, u[2 * t]);
            int a2 = inverseCdf(threshold2, s2 * m, m, u[2 * t + 1]);
            int c1 = inverseCdf(threshold1, r1 * n, n, w[2 * t]);
            int c2 = inverseCdf(threshold2, r2 * m, m, w[2 * t + 1]);
            int outcome = a1 * m + a2;
            int otherOutcome = c1 * m + c2;
            out[first + t] = outcome;
            out[second + t] = otherOutcome;
            s1 = 1 + outcome;
            s2 = 1 + a2 * n + a1;
            r1 = 1 + otherOutcome;
            r2 = 1 + c2 * n + c1;
        }
    }

    /** Draws trajectories [from, to) into a full batch: every per-agent array as well. */
    private void sampleFull(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        int[] outOutcome = batch.outcome();
        double[] outLogProb = batch.jointLogProb();
        int[] outState1 = batch.state1();
        int[] outState2 = batch.state2();
        int[] outAction1 = batch.action1();
        int[] outAction2 = batch.action2();
        double[] outReward1 = batch.reward1();
        double[] outReward2 = batch.reward2();
        double[] outLogProb1 = batch.logProb1();
        double[] outLogProb2 = batch.logProb2();
        long[] u = uniforms;
        for (int b = from; b < to; b++) {
            random.reset(seed, stream, b);
            random.nextLongs(u, 0, 2 * steps);
            int s1 = 0;
            int s2 = 0;
            int i = b * steps;
            for (int t = 0; t < steps; t++, i++) {
                int a1 = inverseCdf(threshold1, s1 * n, n, u[2 * t]);
                int a2 = inverseCdf(threshold2, s2 * m, m, u[2 * t + 1]);
                int outcome = a1 * m + a2;
                double lp1 = logProb1[s1 * n + a1];
                double lp2 = logProb2[s2 * m + a2];
                outOutcome[i] = outcome;
                outLogProb[i] = lp1 + lp2;
                outState1[i] = s1;
                outState2[i] = s2;
                outAction1[i] = a1;
                outAction2[i] = a2;
                outReward1[i] = reward1[outcome];
                outReward2[i] = reward2[outcome];
                outLogProb1[i] = lp1;
                outLogProb2[i] = lp2;
                s1 = 1 + outcome;
                s2 = 1 + a2 * n + a1;
            }
        }
    }

    /**
     * Draws trajectories [from, to) of a noisy game into a full or compact batch that holds intended actions: per
     * move the intended actions as in the noiseless loops (same words, same states given the executed history), then
     * each agent's tremble from its noise word (see the class comment). One loop serves both layouts (the optional
     * arrays are tested per move, a branch that always goes the same way): the noiseless loops stay untouched.
     */
    private void sampleNoisy(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        int[] outOutcome = batch.outcome();
        int[] outIntended = batch.intended();
        double[] outLogProb = batch.hasLogProbabilities() ? batch.jointLogProb() : null;
        boolean full = batch.isFull();
        int[] outState1 = full ? batch.state1() : null;
        int[] outState2 = full ? batch.state2() : null;
        int[] outAction1 = full ? batch.action1() : null;
        int[] outAction2 = full ? batch.action2() : null;
        double[] outReward1 = full ? batch.reward1() : null;
        double[] outReward2 = full ? batch.reward2() : null;
        double[] outLogProb1 = full ? batch.logProb1() : null;
        double[] outLogProb2 = full ? batch.logProb2() : null;
        long[] u = uniforms;
        long[] w = trembles;
        for (int b = from; b < to; b++) {
            random.reset(seed, stream, b);
            random.nextLongs(u, 0, 2 * steps);
            random.reset(seed, stream, b, NOISE_LANE);
            random.nextLongs(w, 0, 2 * steps);
            int s1 = 0;
            int s2 = 0;
            int i = b * steps;
            for (int t = 0; t < steps; t++, i++) {
                int a1 = inverseCdf(threshold1, s1 * n, n, u[2 * t]);
                int a2 = inverseCdf(threshold2, s2 * m, m, u[2 * t + 1]);
                int e1 = tremble(a1, n, w[2 * t]);
                int e2 = tremble(a2, m, w[2 * t + 1]);
                int outcome = e1 * m + e2;
                double lp1 = logProb1[s1 * n + a1];
                double lp2 = logProb2[s2 * m + a2];
                outOutcome[i] = outcome;
                outIntended[i] = a1 * m + a2;
                if (outLogProb != null) {
                    outLogProb[i] = lp1 + lp2;
                }
                if (full) {
                    outState1[i] = s1;
                    outState2[i] = s2;
                    outAction1[i] = e1;
                    outAction2[i] = e2;
                    outReward1[i] = reward1[outcome];
                    outReward2[i] = reward2[outcome];
                    outLogProb1[i] = lp1;
                    outLogProb2[i] = lp2;
                }
                s1 = 1 + outcome;
                s2 = 1 + e2 * n + e1;
            }
        }
    }

    /**
     * The executed action of an agent with k actions that intended action a, given its noise word: a itself unless
     * the uniform u = {@code (bits >>> 11) * 2^-53} is below epsilon (compared as integers, exactly), else the r-th
     * of the other k - 1 actions in increasing order, r = min(k - 2, floor((u / epsilon) (k - 1))): with two actions
     * the other one.
     */
    private int tremble(int a, int k, long bits) {
        long draw = bits >>> 11;
        if (draw >= trembleThreshold) {
            return a;
        }
        if (k == 2) {
            return 1 - a;
        }
        // Given a tremble, u / epsilon is uniform in [0, 1); the min guards a quotient rounded up to k - 1.
        int r = Math.min(k - 2, (int) (draw * 0x1.0p-53 / noise * (k - 1)));
        return r < a ? r : r + 1;
    }

    /**
     * The action drawn by the uniform {@code (bits >>> 11) * 2^-53}: the smallest a in [0, k) with
     * u &lt; cumulative(a), i.e. the number of the first k - 1 thresholds that the 53-bit integer {@code bits >>> 11}
     * reaches (the last action's cumulative is pinned to 1, which no uniform reaches). Counting without an early exit
     * compiles to branch-free compares: the actions are random, so a search loop's exit branch is mispredicted about
     * as often as an action changes, and the counting form measured about 25% faster per step.
     */
    private static int inverseCdf(long[] threshold, int offset, int k, long bits) {
        long draw = bits >>> 11;
        if (k == 2) {
            // Two actions (every dilemma): one compare; the loop's overhead is a third of a move's cost here.
            return draw >= threshold[offset] ? 1 : 0;
        }
        int action = 0;
        int end = offset + k - 1;
        for (int j = offset; j < end; j++) {
            action += draw >= threshold[j] ? 1 : 0;
        }
        return action;
    }

    /**
     * Fills the inverse-CDF thresholds and log-probabilities of every state of one agent from its logits. With
     * C(a) = pi(0) + ... + pi(a) (pinned to 1 from the last action of positive probability on) the documented rule
     * draws an action beyond a exactly when u &gt;= C(a). For u = K 2^-53 with the integer K = bits &gt;&gt;&gt; 11,
     * u &gt;= C(a) if and only if K &gt;= C(a) 2^53 (scaling by a power of 2 is exact), that is K &gt;=
     * ceil(C(a) 2^53): so comparing the integer K with that threshold is the same decision, bit for bit, without
     * converting every draw to a double.
     */
    private void preparePolicy(double[] theta, int logitsPerState, int k, long[] threshold, double[] logProb) {
        for (int s = 0; s < numStates; s++) {
            int offset = s * k;
            int thetaOffset = s * logitsPerState;
            ActionLogits.probabilities(theta, thetaOffset, k, probability, 0);
            double sum = 0;
            int lastPossible = 0;
            for (int a = 0; a < k; a++) {
                double p = probability[a];
                if (p > 0) {
                    lastPossible = a;
                }
                sum += p;
                threshold[offset + a] = (long) Math.ceil(sum * TWO_TO_53);
                logProb[offset + a] = ActionLogits.logProbability(theta, thetaOffset, k, a);
            }
            // Rounding may leave the total a few ulps below 1; a uniform in that gap must not fall through to an
            // action of probability 0, so the cumulative is 1 from the last action that can occur (a threshold of
            // 2^53, which no 53-bit draw reaches).
            for (int a = lastPossible; a < k; a++) {
                threshold[offset + a] = 1L << 53;
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
        if (game.isNoisy() && !batch.hasIntended()) {
            throw new IllegalArgumentException("noise = " + game.noise() + " but the batch stores no intended "
                    + "actions; a noisy game's batch must (the estimators score the intended actions): make it with "
                    + "TrajectoryBatch.full(B, T, true) or TrajectoryBatch.compact(B, T, logProbabilities, true)");
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
