package dev.opshape.tabular.sample;

import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.policy.ParameterLayout;

/**
 * Draws trajectories of a {@link TabularProblem} played by tabular policies into a {@link TrajectoryBatch}.
 *
 * <h2>What is drawn</h2>
 * For a joint parameter vector theta (laid out by {@link ParameterLayout}) each trajectory b plays T moves
 * (T = {@link TrajectoryBatch#steps()}): it starts in a state drawn from the start distribution; at every step each
 * player i in turn draws its action from pi_i(. | o_i(s)), and the next state is drawn from P(. | s, a). The batch
 * receives, at index b * T + t, the step's cell s * A + a and (unless it is a compact batch made without them) the
 * joint log-probability, and a full batch also the states, joint actions, observations, actions, undiscounted rewards
 * and per-player log-probabilities (see {@link TrajectoryBatch}).
 *
 * <h2>Trembling-hand noise</h2>
 * In a problem with noise epsilon &gt; 0 the actions drawn from the policies are the <em>intended</em> ones; each is,
 * independently and with probability epsilon, replaced by one of the player's k - 1 other actions chosen uniformly,
 * and the <em>executed</em> joint action is what is paid, what makes the next state and what the batch stores in its
 * cells. The batch must hold intended cells ({@link TrajectoryBatch#hasIntended()}); the log-probabilities are those
 * of the intended actions, which is what a likelihood-ratio estimator scores (the noise does not depend on the
 * logits).
 *
 * <h2>Random numbers, reproducibility</h2>
 * Trajectory b uses its own stream, {@link PhiloxStream#reset(long, long, long) PhiloxStream.reset(seed, stream, b)}
 * (commons-rng {@code Philox4x64(new long[] {seed, stream, 0, 0, b, 0})}), and consumes exactly N {@code nextDouble()}
 * values per step, player 0's first, for the intended actions. An action is drawn by inverse CDF from one uniform u
 * in [0, 1): the smallest action a with u &lt; pi(0) + ... + pi(a), where the cumulative sum is pinned to 1 from the
 * last action of positive probability on, so actions of probability 0 are never drawn. Other draws use other lanes
 * of the same key (counter word 3), so that adding them moves none of the action words:
 * <ul>
 *   <li>lane {@link #NOISE_LANE} (1), only in a noisy problem: N values per step, player 0's first; player i
 *       trembles when its uniform u is below epsilon, and then executes the r-th of its other actions in increasing
 *       order, r = min(k - 2, floor((u / epsilon) (k - 1)));</li>
 *   <li>lane {@link #DYNAMICS_LANE} (2), only when the start state or a transition is random: value t draws the state
 *       of move t by inverse CDF over the start distribution (t = 0) or over P(. | s_{t-1}, a_{t-1}) (t &gt;= 1), with
 *       the next states in increasing order.</li>
 * </ul>
 * So the output of trajectory b depends only on (problem, theta, seed, stream, b, T): never on the batch size, on
 * which range a call fills, on the order of calls or on the number of threads. An iterated matrix game (deterministic
 * dynamics) uses lane 0, and lane 1 with noise, exactly as before this class served other models.
 *
 * <h2>Deterministic policies</h2>
 * Logits may be +-infinity; a certain action then has probability 1 and log-probability 0 (possibly -0.0), exactly
 * as {@link ActionLogits#logProbability} computes it.
 *
 * <h2>Cost and threads</h2>
 * A sampler owns its workspace (per-state inverse-CDF thresholds and log-probabilities of every player, recomputed
 * once per call from theta, and buffers for one trajectory's random words), all allocated in the constructor (for an
 * infinite-horizon problem the buffers are sized by the first call of each longer T): no sampling call allocates
 * after that. The random words of a trajectory are generated in one go before its moves are drawn (see
 * {@link PhiloxStream#nextLongs}); the moves compare the 53-bit integer behind each uniform with integer thresholds,
 * the same decision as comparing the uniform with the cumulative probabilities. The tables are expanded from
 * observations to states, so a move looks up no observation. Two players with memory-1 dynamics
 * ({@link TabularModel#jointActionStateOffset()}) and a compact, noiseless batch take a fast path that draws two
 * trajectories side by side. Not thread-safe: use one per thread, for example through
 * {@link ParallelTrajectorySampler}, with disjoint trajectory ranges of one batch.
 */
public final class TrajectorySampler {

    /** 2^53: a cumulative probability times this is the threshold of the 53-bit integer draws. */
    private static final double TWO_TO_53 = 0x1.0p53;
    /** A threshold no 53-bit draw reaches: the cumulative probability 1. */
    private static final long ALWAYS = 1L << 53;
    /** Counter word 3 of the stream that draws a trajectory's trembles (see the class comment). */
    public static final long NOISE_LANE = 1;
    /** Counter word 3 of the stream that draws a trajectory's random start state and transitions. */
    public static final long DYNAMICS_LANE = 2;

    private final TabularProblem problem;
    private final ParameterLayout layout;
    private final int numPlayers;
    private final int numStates;
    private final int numJoint;
    private final int[] numActions;
    private final int[][] observationOf;
    /** Rewards by cell, per player. */
    private final double[][] reward;
    /**
     * Per-state inverse-CDF thresholds and log-probabilities, expanded from the player's observations:
     * threshold[i][s * k_i + a] = ceil(2^53 (pi_i(0 | o_i(s)) + ... + pi_i(a | o_i(s)))), pinned to 2^53 from the last
     * positive-probability action on; logProb[i][s * k_i + a] = log pi_i(a | o_i(s)).
     */
    private final long[][] threshold;
    private final double[][] logProb;
    /** One observation's probabilities (scratch). */
    private final double[] probability;
    /** The model's dynamics: the memory-1 offset (or -1), transitions in CSR layout with cumulative thresholds. */
    private final int stateOffset;
    private final boolean randomDynamics;
    private final int startState;
    private final long[] startThreshold;
    private final int[] transitionOffset;
    private final int[] nextState;
    private final long[] nextThreshold;
    /** One trajectory's random words: actions, the second trajectory of a pair, trembles, dynamics. */
    private long[] uniforms;
    private long[] otherUniforms;
    private long[] trembles;
    private long[] dynamics;
    private final PhiloxStream random = new PhiloxStream();
    /** Per player and cell: observation and action (fixed), log-probability (per call, for full batches). */
    private final int[][] cellObservationOf;
    private final int[][] cellActionOf;
    private final double[][] cellLogProbOf;
    /** Per cell: the joint log-probability (per call, for full batches of the fast path). */
    private final double[] cellJointLogProb;
    private final double noise;
    /** ceil(epsilon 2^53): a player trembles when the 53-bit integer behind its noise uniform is below this. */
    private final long trembleThreshold;

    /**
     * @param problem the problem; only its model, noise and horizon matter here (rewards are stored undiscounted).
     *                For a finite horizon T every batch must have T steps; for an infinite horizon any length is
     *                accepted (the trajectories are then truncations). With noise, every batch must hold intended
     *                cells.
     * @throws IllegalArgumentException if the problem is null
     */
    public TrajectorySampler(TabularProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem is null; a sampler needs a tabular problem");
        }
        this.problem = problem;
        TabularModel model = problem.model();
        this.layout = problem.layout();
        this.numPlayers = model.numPlayers();
        this.numStates = model.numStates();
        this.numJoint = model.numJointActions();
        this.numActions = new int[numPlayers];
        this.observationOf = new int[numPlayers][];
        this.reward = new double[numPlayers][];
        this.threshold = new long[numPlayers][];
        this.logProb = new double[numPlayers][];
        int maxActions = 0;
        for (int i = 0; i < numPlayers; i++) {
            numActions[i] = layout.numActions(i);
            observationOf[i] = model.player(i).observationTable();
            reward[i] = model.rewards(i);
            threshold[i] = new long[numStates * numActions[i]];
            logProb[i] = new double[numStates * numActions[i]];
            maxActions = Math.max(maxActions, numActions[i]);
        }
        this.probability = new double[maxActions];
        this.cellObservationOf = new int[numPlayers][model.numCells()];
        this.cellActionOf = new int[numPlayers][model.numCells()];
        this.cellLogProbOf = new double[numPlayers][model.numCells()];
        this.cellJointLogProb = new double[model.numCells()];
        for (int p = 0; p < numPlayers; p++) {
            for (int c = 0; c < model.numCells(); c++) {
                cellObservationOf[p][c] = observationOf[p][c / numJoint];
                cellActionOf[p][c] = model.action(p, c % numJoint);
            }
        }
        this.stateOffset = model.jointActionStateOffset();
        this.startState = model.startState();
        this.randomDynamics = startState < 0 || !model.isDeterministic();
        this.startThreshold = cumulativeThresholds(model.startDistribution(), 0, numStates);
        this.transitionOffset = model.transitionOffsets();
        this.nextState = model.nextStates();
        double[] nextProbability = model.nextProbabilities();
        this.nextThreshold = new long[nextProbability.length];
        for (int c = 0; c < model.numCells(); c++) {
            int from = transitionOffset[c];
            long[] cell = cumulativeThresholds(nextProbability, from, transitionOffset[c + 1] - from);
            System.arraycopy(cell, 0, nextThreshold, from, cell.length);
        }
        int words = problem.isFinite() ? problem.horizon() : 0;
        this.uniforms = new long[numPlayers * words];
        this.otherUniforms = new long[uniforms.length];
        this.noise = problem.noise();
        this.trembleThreshold = (long) Math.ceil(noise * TWO_TO_53);
        this.trembles = problem.isNoisy() ? new long[uniforms.length] : null;
        this.dynamics = randomDynamics ? new long[words] : null;
    }

    /** The problem this sampler draws from. */
    public TabularProblem problem() {
        return problem;
    }

    /** Length of the joint parameter vector theta. */
    public int dimension() {
        return layout.dimension();
    }

    /** Fills every trajectory [0, B) of the batch from the joint vector theta. */
    public void sample(double[] theta, long seed, long stream, TrajectoryBatch batch) {
        sample(theta, seed, stream, batch, 0, batch == null ? 0 : batch.capacity());
    }

    /**
     * Fills trajectories b in [from, to) of the batch (all T steps of each; other trajectories are untouched). Reads
     * theta (not retained), overwrites this sampler's workspace and the batch entries [from * T, to * T) of every
     * array. An empty range (from == to) only validates.
     *
     * @param theta  the joint logits, length {@link #dimension()}; +-infinity allowed, NaN not
     * @param seed   master seed (key word 0 of every trajectory's stream)
     * @param stream stream index (key word 1), to separate independent batches drawn under one seed
     * @param batch  destination; for a finite-horizon problem its T must equal the horizon; for a noisy problem it
     *               must hold intended cells; a full batch must have one set of arrays per player
     * @param from   first trajectory, 0 &lt;= from &lt;= to
     * @param to     one past the last trajectory, to &lt;= B
     * @throws dev.opshape.tabular.InvalidModelException if theta has the wrong length or holds NaN
     * @throws IllegalArgumentException                  if the batch does not fit the problem or the range is not
     *                                                   within [0, B)
     */
    public void sample(double[] theta, long seed, long stream, TrajectoryBatch batch, int from, int to) {
        validate(theta, batch, from, to);
        for (int i = 0; i < numPlayers; i++) {
            preparePolicy(i, theta, layout.offset(i));
        }
        draw(seed, stream, batch, from, to);
    }

    /**
     * Fills trajectories [from, to) of the batch for a two-player problem whose player blocks are given separately
     * (the same draws as {@link #sample(double[], long, long, TrajectoryBatch, int, int)} on their concatenation).
     */
    public void sample(double[] theta1, double[] theta2, long seed, long stream, TrajectoryBatch batch, int from,
                       int to) {
        validate(theta1, theta2, batch, from, to);
        preparePolicy(0, theta1, 0);
        preparePolicy(1, theta2, 0);
        draw(seed, stream, batch, from, to);
    }

    /** Fills every trajectory of the batch for a two-player problem (see the method above). */
    public void sample(double[] theta1, double[] theta2, long seed, long stream, TrajectoryBatch batch) {
        sample(theta1, theta2, seed, stream, batch, 0, batch == null ? 0 : batch.capacity());
    }

    private void draw(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        if (dynamics != null && dynamics.length < steps || uniforms.length < numPlayers * steps) {
            // Only for an infinite-horizon problem, whose T the constructor could not know: grown on the first call
            // with a longer T, so not per call once sampling runs.
            uniforms = new long[numPlayers * steps];
            otherUniforms = new long[numPlayers * steps];
            if (trembles != null) {
                trembles = new long[numPlayers * steps];
            }
            if (dynamics != null) {
                dynamics = new long[steps];
            }
        }
        boolean memoryOne = numPlayers == 2 && stateOffset >= 0 && !randomDynamics && trembles == null;
        if (memoryOne) {
            sampleMemoryOne(seed, stream, batch, from, to);
            if (batch.hasIntended()) {
                // Without noise every intended action is executed.
                System.arraycopy(batch.cell(), from * steps, batch.intendedCell(), from * steps, (to - from) * steps);
            }
        } else {
            sampleGeneral(seed, stream, batch, from, to);
        }
        if (batch.isFull()) {
            // The fast path draws cells only (pairs of trajectories); the joint log-probabilities come from the cells.
            expandFull(batch, from, to, memoryOne);
        }
    }

    /**
     * The fast path: a noiseless two-player model whose next state is the offset plus the joint action (an iterated
     * matrix game). Compact batches without log-probabilities are drawn two trajectories at a time (see
     * {@link #drawPair}), everything else one at a time.
     */
    private void sampleMemoryOne(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        int b = from;
        if (batch.isFull() || !batch.hasLogProbabilities()) {
            for (; b + 1 < to; b += 2) {
                random.reset(seed, stream, b);
                random.nextLongs(uniforms, 0, 2 * steps);
                random.reset(seed, stream, b + 1);
                random.nextLongs(otherUniforms, 0, 2 * steps);
                drawPair(steps, batch.cell(), b * steps);
            }
        }
        for (; b < to; b++) {
            random.reset(seed, stream, b);
            random.nextLongs(uniforms, 0, 2 * steps);
            drawOne(batch, b * steps);
        }
    }

    /**
     * The moves of one trajectory of the fast path into a compact batch, whose random words are in
     * {@link #uniforms}, written from index {@code first} on: the cells, and the joint log-probabilities where the
     * batch has them (a branch that goes the same way at every move).
     */
    private void drawOne(TrajectoryBatch batch, int first) {
        int steps = batch.steps();
        int[] outCell = batch.cell();
        double[] outLogProb = batch.hasLogProbabilities() ? batch.jointLogProb() : null;
        long[] threshold1 = threshold[0];
        long[] threshold2 = threshold[1];
        double[] logProb1 = logProb[0];
        double[] logProb2 = logProb[1];
        int n = numActions[0];
        int m = numActions[1];
        long[] u = uniforms;
        int s = startState;
        int i = first;
        for (int t = 0; t < steps; t++, i++) {
            int a1 = inverseCdf(threshold1, s * n, n, u[2 * t]);
            int a2 = inverseCdf(threshold2, s * m, m, u[2 * t + 1]);
            int joint = a1 * m + a2;
            int cell = s * numJoint + joint;
            outCell[i] = cell;
            if (outLogProb != null) {
                outLogProb[i] = logProb1[s * n + a1] + logProb2[s * m + a2];
            }
            s = stateOffset + joint;
        }
    }

    /**
     * Completes trajectories [from, to) of a full batch from their cells (and intended cells): every player's
     * observation, executed action and reward follow from the executed cell, its log-probability from the intended
     * one, through per-cell tables. A pass with no dependency from step to step, so it costs a fraction of drawing.
     * With {@code jointToo} (the fast path, which draws full batches as pairs of cell-only trajectories: the
     * interleaved chains more than pay for this pass) the joint log-probabilities too.
     */
    private void expandFull(TrajectoryBatch batch, int from, int to, boolean jointToo) {
        int steps = batch.steps();
        int[] cell = batch.cell();
        int[] scored = batch.hasIntended() ? batch.intendedCell() : cell;
        for (int p = 0; p < numPlayers; p++) {
            int k = numActions[p];
            double[] lp = logProb[p];
            int[] cellAction = cellActionOf[p];
            double[] cellLogProb = cellLogProbOf[p];
            for (int c = 0; c < cellLogProb.length; c++) {
                cellLogProb[c] = lp[(c / numJoint) * k + cellAction[c]];
            }
        }
        if (jointToo) {
            // Summed in player order, the first term as it is: the same doubles as the per-move sums.
            for (int c = 0; c < cellJointLogProb.length; c++) {
                double lp = cellLogProbOf[0][c];
                for (int p = 1; p < numPlayers; p++) {
                    lp += cellLogProbOf[p][c];
                }
                cellJointLogProb[c] = lp;
            }
        }
        for (int p = 0; p < numPlayers; p++) {
            int[] cellObservation = cellObservationOf[p];
            int[] cellAction = cellActionOf[p];
            double[] cellLogProb = cellLogProbOf[p];
            int[] outObservation = batch.observation(p);
            int[] outAction = batch.action(p);
            double[] outReward = batch.reward(p);
            double[] outLogProb = batch.logProb(p);
            double[] r = reward[p];
            for (int i = from * steps; i < to * steps; i++) {
                int c = cell[i];
                outObservation[i] = cellObservation[c];
                outAction[i] = cellAction[c];
                outReward[i] = r[c];
                outLogProb[i] = cellLogProb[scored[i]];
            }
        }
        if (jointToo) {
            double[] outJoint = batch.jointLogProb();
            for (int i = from * steps; i < to * steps; i++) {
                outJoint[i] = cellJointLogProb[scored[i]];
            }
        }
    }

    /**
     * The moves of two consecutive trajectories, whose random words are in {@link #uniforms} and
     * {@link #otherUniforms}, written as cells from {@code out[first]} on (the second trajectory follows the first).
     * Why two at once: within a trajectory each move waits for the previous one (state, threshold load, compare, next
     * state: a chain of about ten cycles), while the two trajectories' chains are independent, so interleaving them
     * lets the processor run both chains side by side (about 20% less time per batch, measured).
     */
    private void drawPair(int steps, int[] out, int first) {
        long[] u = uniforms;
        long[] w = otherUniforms;
        long[] threshold1 = threshold[0];
        long[] threshold2 = threshold[1];
        int n = numActions[0];
        int m = numActions[1];
        int s = startState;
        int r = startState;
        int second = first + steps;
        for (int t = 0; t < steps; t++) {
            int a1 = inverseCdf(threshold1, s * n, n, u[2 * t]);
            int a2 = inverseCdf(threshold2, s * m, m, u[2 * t + 1]);
            int c1 = inverseCdf(threshold1, r * n, n, w[2 * t]);
            int c2 = inverseCdf(threshold2, r * m, m, w[2 * t + 1]);
            int joint = a1 * m + a2;
            int otherJoint = c1 * m + c2;
            out[first + t] = s * numJoint + joint;
            out[second + t] = r * numJoint + otherJoint;
            s = stateOffset + joint;
            r = stateOffset + otherJoint;
        }
    }

    /**
     * Every other case: any number of players, random dynamics, trembling-hand noise, full batches. Per move the
     * intended actions from lane 0 (player 0's word first), then the trembles from the noise lane, then the next state
     * from the dynamics lane (see the class comment). The optional outputs are tested per move, a branch that always
     * goes the same way.
     */
    private void sampleGeneral(long seed, long stream, TrajectoryBatch batch, int from, int to) {
        int steps = batch.steps();
        int[] outCell = batch.cell();
        int[] outIntended = batch.hasIntended() ? batch.intendedCell() : null;
        double[] outLogProb = batch.hasLogProbabilities() ? batch.jointLogProb() : null;
        int np = numPlayers;
        long[] u = uniforms;
        long[] w = trembles;
        long[] d = dynamics;
        for (int b = from; b < to; b++) {
            random.reset(seed, stream, b);
            random.nextLongs(u, 0, np * steps);
            if (w != null) {
                random.reset(seed, stream, b, NOISE_LANE);
                random.nextLongs(w, 0, np * steps);
            }
            if (d != null) {
                random.reset(seed, stream, b, DYNAMICS_LANE);
                random.nextLongs(d, 0, steps);
            }
            int s = startState >= 0 ? startState : inverseCdf(startThreshold, 0, numStates, d[0]);
            int i = b * steps;
            for (int t = 0; t < steps; t++, i++) {
                int intended = 0;
                int executed = 0;
                double lp = 0.0;
                for (int p = 0; p < np; p++) {
                    int k = numActions[p];
                    int a = inverseCdf(threshold[p], s * k, k, u[np * t + p]);
                    int e = w == null ? a : tremble(a, k, w[np * t + p]);
                    intended = intended * k + a;
                    executed = executed * k + e;
                    double l = logProb[p][s * k + a];
                    // The first player's term as it is (so that -0.0 stays -0.0, as in a two-term sum).
                    lp = p == 0 ? l : lp + l;
                }
                int cell = s * numJoint + executed;
                outCell[i] = cell;
                if (outIntended != null) {
                    outIntended[i] = s * numJoint + intended;
                }
                if (outLogProb != null) {
                    outLogProb[i] = lp;
                }
                if (t + 1 < steps) {
                    s = stateOffset >= 0 ? stateOffset + executed : next(cell, d, t + 1);
                }
            }
        }
    }

    /** The state after a move in the given cell: its single next state, or an inverse-CDF draw from word t. */
    private int next(int cell, long[] words, int t) {
        int from = transitionOffset[cell];
        int count = transitionOffset[cell + 1] - from;
        if (count == 1) {
            return nextState[from];
        }
        return nextState[from + inverseCdf(nextThreshold, from, count, words[t])];
    }

    /**
     * The executed action of a player with k actions that intended action a, given its noise word: a itself unless
     * the uniform u = {@code (bits >>> 11) * 2^-53} is below epsilon (compared as integers, exactly), else the r-th of
     * the other k - 1 actions in increasing order, r = min(k - 2, floor((u / epsilon) (k - 1))): with two actions the
     * other one.
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
     * The index drawn by the uniform {@code (bits >>> 11) * 2^-53}: the smallest a in [0, k) with u &lt;
     * cumulative(a), i.e. the number of the first k - 1 thresholds that the 53-bit integer {@code bits >>> 11}
     * reaches (the last entry's cumulative is pinned to 1, which no uniform reaches). Counting without an early exit
     * compiles to branch-free compares: the draws are random, so a search loop's exit branch is mispredicted about as
     * often as a draw changes, and the counting form measured about 25% faster per step.
     */
    private static int inverseCdf(long[] threshold, int offset, int k, long bits) {
        long draw = bits >>> 11;
        if (k == 2) {
            // Two actions (every dilemma): one compare; the loop's overhead is a third of a move's cost here.
            return draw >= threshold[offset] ? 1 : 0;
        }
        int index = 0;
        int end = offset + k - 1;
        for (int j = offset; j < end; j++) {
            index += draw >= threshold[j] ? 1 : 0;
        }
        return index;
    }

    /**
     * Fills the inverse-CDF thresholds and log-probabilities of every state of one player from its logits. With
     * C(a) = pi(0) + ... + pi(a) (pinned to 1 from the last action of positive probability on) the documented rule
     * draws an action beyond a exactly when u &gt;= C(a). For u = K 2^-53 with the integer K = bits &gt;&gt;&gt; 11,
     * u &gt;= C(a) if and only if K &gt;= C(a) 2^53 (scaling by a power of 2 is exact), that is K &gt;= ceil(C(a)
     * 2^53): so comparing the integer K with that threshold is the same decision, bit for bit, without converting
     * every draw to a double. Observations seen in several states are computed once per state (a few exponentials
     * per state and call).
     */
    private void preparePolicy(int player, double[] theta, int from) {
        int k = numActions[player];
        int l = layout.logitsPerObservation(player);
        long[] thr = threshold[player];
        double[] lp = logProb[player];
        int[] observation = observationOf[player];
        for (int s = 0; s < numStates; s++) {
            int at = from + observation[s] * l;
            int offset = s * k;
            ActionLogits.probabilities(theta, at, k, probability, 0);
            double sum = 0;
            int lastPossible = 0;
            for (int a = 0; a < k; a++) {
                double p = probability[a];
                if (p > 0) {
                    lastPossible = a;
                }
                sum += p;
                thr[offset + a] = (long) Math.ceil(sum * TWO_TO_53);
                lp[offset + a] = ActionLogits.logProbability(theta, at, k, a);
            }
            // Rounding may leave the total a few ulps below 1; a uniform in that gap must not fall through to an
            // action of probability 0, so the cumulative is 1 from the last action that can occur.
            for (int a = lastPossible; a < k; a++) {
                thr[offset + a] = ALWAYS;
            }
        }
    }

    /** Inverse-CDF thresholds of p[from .. from + count) as {@link #preparePolicy} makes them. */
    private static long[] cumulativeThresholds(double[] p, int from, int count) {
        long[] thr = new long[count];
        double sum = 0;
        int lastPossible = 0;
        for (int j = 0; j < count; j++) {
            if (p[from + j] > 0) {
                lastPossible = j;
            }
            sum += p[from + j];
            thr[j] = (long) Math.ceil(sum * TWO_TO_53);
        }
        for (int j = lastPossible; j < count; j++) {
            thr[j] = ALWAYS;
        }
        return thr;
    }

    /**
     * Checks the arguments of a sampling call from a joint vector; the messages name the bad value. Used also by
     * {@link ParallelTrajectorySampler} so that errors surface on the caller's thread.
     */
    void validate(double[] theta, TrajectoryBatch batch, int from, int to) {
        layout.check("theta", theta);
        validateBatch(batch, from, to);
    }

    /** As {@link #validate(double[], TrajectoryBatch, int, int)} for the two blocks of a two-player problem. */
    void validate(double[] theta1, double[] theta2, TrajectoryBatch batch, int from, int to) {
        if (numPlayers != 2) {
            throw new IllegalArgumentException("two parameter blocks given; this problem has " + numPlayers
                    + " players: pass the joint vector");
        }
        layout.checkBlock("theta1", 0, theta1);
        layout.checkBlock("theta2", 1, theta2);
        validateBatch(batch, from, to);
    }

    private void validateBatch(TrajectoryBatch batch, int from, int to) {
        if (batch == null) {
            throw new IllegalArgumentException("batch is null; pass a TrajectoryBatch to fill");
        }
        if (problem.isNoisy() && !batch.hasIntended()) {
            throw new IllegalArgumentException("noise = " + problem.noise() + " but the batch stores no intended "
                    + "actions; a noisy problem's batch must (the estimators score the intended actions): make it "
                    + "with intendedActions = true");
        }
        if (batch.isFull() && batch.numPlayers() != numPlayers) {
            throw new IllegalArgumentException("the full batch has arrays for " + batch.numPlayers()
                    + " players; this problem has " + numPlayers);
        }
        if (problem.isFinite() && batch.steps() != problem.horizon()) {
            throw new IllegalArgumentException("batch has T = " + batch.steps() + " steps but the horizon is "
                    + problem.horizon() + "; a finite-horizon problem needs batches of exactly its horizon");
        }
        if (from < 0 || to < from || to > batch.capacity()) {
            throw new IllegalArgumentException("trajectory range [" + from + ", " + to + ") is not within [0, "
                    + batch.capacity() + "); need 0 <= from <= to <= batch capacity");
        }
    }
}
