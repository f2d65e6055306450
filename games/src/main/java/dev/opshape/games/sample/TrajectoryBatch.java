package dev.opshape.games.sample;

/**
 * Caller-owned storage for up to B trajectories of T moves each of an iterated two-player game, in primitive arrays
 * that a {@link TrajectorySampler} fills and the sampled estimators read.
 *
 * <h2>Layout</h2>
 * Every array has length B * T and holds step t of trajectory b at index {@code b * T + t} (see {@link #index}), so
 * one trajectory is a contiguous run of T entries. At that index:
 * <ul>
 *   <li>{@code outcome}: the joint outcome j = a1 * m + a2 of the move as executed (always stored). It describes
 *       the step completely in a noiseless game: the states are the start state at t = 0 and afterwards follow
 *       from the previous outcome, and the actions and rewards follow from j;</li>
 *   <li>{@code intended}: only in a batch made to hold it (for games with trembling-hand noise, see below): the
 *       joint outcome i = a1 * m + a2 of the actions the policies drew, before the noise replaced any;</li>
 *   <li>{@code jointLogProb}: log pi1(a1 | s1) + log pi2(a2 | s2) of the intended actions under the policies that
 *       drew the step (the behaviour log-probability an off-policy estimator needs; natural log, 0 for certain
 *       actions);</li>
 *   <li>{@code state1}, {@code state2}: the own-view state (see {@code PolicyLayout}) in which agent 1, respectively
 *       agent 2, chose its move: 0 (start) at t = 0, afterwards 1 + own * k_other + other for the previous
 *       executed joint action;</li>
 *   <li>{@code action1}, {@code action2}: the executed actions, a1 in [0, n) and a2 in [0, m) (the components of
 *       {@code outcome});</li>
 *   <li>{@code reward1}, {@code reward2}: the undiscounted stage rewards r_{i,t} = payoff_i(a1, a2) of the executed
 *       actions;</li>
 *   <li>{@code logProb1}, {@code logProb2}: log pi_i(a_i | s_i) of agent i's intended action under the policies
 *       that drew the step (natural log; 0 for a certain action).</li>
 * </ul>
 *
 * <h2>Intended and executed actions</h2>
 * Under trembling-hand noise ({@code IteratedGame#noise()}) an agent's intended action is replaced, with some
 * probability, by another one: the executed actions make the next states and the rewards, while a likelihood-ratio
 * estimator must score the intended ones (their distribution is the policy's; the noise does not depend on the
 * logits). A batch for a noisy game therefore also stores the intended joint outcomes ({@link #intended()}); make
 * it with {@link #full(int, int, boolean) full(B, T, true)} or {@link #compact(int, int, boolean, boolean)
 * compact(B, T, logProbabilities, true)}. Without noise intended and executed agree, and a batch without the
 * array (every other constructor) costs nothing extra; a noiseless sampler fills the array, if present, with the
 * outcomes.
 *
 * <h2>Full and compact batches</h2>
 * A batch made by {@link #TrajectoryBatch(int, int) the constructor} holds every array above but the intended
 * outcomes (about 60 bytes per step). A {@link #compact compact} batch holds only the outcomes and, if asked for,
 * the joint log-probabilities and the intended outcomes (4 to 16 bytes per step): all a sampled estimator reads,
 * so sampling writes (and the estimator reads) a fraction of the memory. The per-agent accessors ({@link #state1()} ..
 * {@link #logProb2()}, {@link #discountedReturn}) need a full batch and throw {@link IllegalStateException} on a
 * compact one; {@link #jointLogProb()} throws on a compact batch made without log-probabilities.
 *
 * <p>The capacity B and the length T are fixed at construction; the batch is meant to be refilled, each sampling
 * call overwriting the trajectories it is asked for and leaving the others untouched. The accessors return the live
 * arrays, not copies, so that hot loops read them directly; callers must not resize or share them across threads
 * while a sampler writes. Distinct trajectories occupy disjoint index ranges, so samplers on different threads may
 * fill disjoint trajectory ranges of one batch concurrently.
 */
public final class TrajectoryBatch {

    private final int capacity;
    private final int steps;
    private final int[] outcome;
    private final double[] jointLogProb;
    /** The intended joint outcomes: null unless the batch was made to hold them. */
    private final int[] intended;
    /** The per-agent arrays: all null in a compact batch. */
    private final int[] state1;
    private final int[] state2;
    private final int[] action1;
    private final int[] action2;
    private final double[] reward1;
    private final double[] reward2;
    private final double[] logProb1;
    private final double[] logProb2;

    /**
     * Allocates a full batch (ten arrays of capacity * steps entries, about 60 bytes per step).
     *
     * @param capacity B, the number of trajectories, &gt;= 1
     * @param steps    T, the number of moves per trajectory, &gt;= 1
     * @throws IllegalArgumentException if B or T is below 1 or B * T does not fit in a Java array
     */
    public TrajectoryBatch(int capacity, int steps) {
        this(capacity, steps, true, true, false);
    }

    private TrajectoryBatch(int capacity, int steps, boolean full, boolean logProbabilities, boolean withIntended) {
        int n = checkedSize(capacity, steps);
        this.capacity = capacity;
        this.steps = steps;
        this.outcome = new int[n];
        this.jointLogProb = logProbabilities ? new double[n] : null;
        this.intended = withIntended ? new int[n] : null;
        this.state1 = full ? new int[n] : null;
        this.state2 = full ? new int[n] : null;
        this.action1 = full ? new int[n] : null;
        this.action2 = full ? new int[n] : null;
        this.reward1 = full ? new double[n] : null;
        this.reward2 = full ? new double[n] : null;
        this.logProb1 = full ? new double[n] : null;
        this.logProb2 = full ? new double[n] : null;
    }

    /**
     * A compact batch: joint outcomes only, plus the joint log-probabilities if {@code logProbabilities} (needed
     * only to weight the trajectories by importance ratios later, for example in a replay buffer).
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static TrajectoryBatch compact(int capacity, int steps, boolean logProbabilities) {
        return new TrajectoryBatch(capacity, steps, false, logProbabilities, false);
    }

    /**
     * A compact batch as {@link #compact(int, int, boolean)} that also stores the intended joint outcomes if
     * {@code intendedActions} (4 more bytes per step): what a game with trembling-hand noise needs.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static TrajectoryBatch compact(int capacity, int steps, boolean logProbabilities,
                                          boolean intendedActions) {
        return new TrajectoryBatch(capacity, steps, false, logProbabilities, intendedActions);
    }

    /**
     * A full batch as {@link #TrajectoryBatch(int, int) the constructor} that also stores the intended joint
     * outcomes if {@code intendedActions}: what a game with trembling-hand noise needs.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static TrajectoryBatch full(int capacity, int steps, boolean intendedActions) {
        return new TrajectoryBatch(capacity, steps, true, true, intendedActions);
    }

    private static int checkedSize(int capacity, int steps) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch size B = " + capacity + "; it must be at least 1 trajectory");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("trajectory length T = " + steps + "; it must be at least 1 move");
        }
        long size = (long) capacity * steps;
        // The largest array length every JVM accepts is a few entries below Integer.MAX_VALUE.
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch B x T = " + capacity + " x " + steps + " = " + size
                    + " steps; at most " + (Integer.MAX_VALUE - 8) + " fit in one batch");
        }
        return (int) size;
    }

    /** True if the batch holds the per-agent arrays (made by the constructor), false if it is compact. */
    public boolean isFull() {
        return state1 != null;
    }

    /** True if the batch stores the joint log-probabilities ({@link #jointLogProb()}). */
    public boolean hasLogProbabilities() {
        return jointLogProb != null;
    }

    /** True if the batch stores the intended joint outcomes ({@link #intended()}). */
    public boolean hasIntended() {
        return intended != null;
    }

    /** B: the number of trajectories the batch holds. */
    public int capacity() {
        return capacity;
    }

    /** T: the number of moves of every trajectory. */
    public int steps() {
        return steps;
    }

    /** Index of step t of trajectory b in every array: {@code b * T + t}. */
    public int index(int trajectory, int step) {
        return trajectory * steps + step;
    }

    /** Agent 1's own-view state at each step (live array, length B * T). */
    public int[] state1() {
        return full(state1);
    }

    /** Agent 2's own-view state at each step (live array, length B * T). */
    public int[] state2() {
        return full(state2);
    }

    /** Agent 1's executed action at each step, in [0, n) (live array, length B * T). */
    public int[] action1() {
        return full(action1);
    }

    /** Agent 2's executed action at each step, in [0, m) (live array, length B * T). */
    public int[] action2() {
        return full(action2);
    }

    /** Agent 1's undiscounted reward at each step (live array, length B * T). */
    public double[] reward1() {
        return full(reward1);
    }

    /** Agent 2's undiscounted reward at each step (live array, length B * T). */
    public double[] reward2() {
        return full(reward2);
    }

    /**
     * log pi1(a1 | state1) of agent 1's intended action a1 at each step under the sampling policy (live array,
     * length B * T); without noise a1 is action1.
     */
    public double[] logProb1() {
        return full(logProb1);
    }

    /** log pi2(a2 | state2) of agent 2's intended action a2 at each step, as {@link #logProb1()}. */
    public double[] logProb2() {
        return full(logProb2);
    }

    /** The executed joint outcome a1 * m + a2 at each step (live array, length B * T; every batch has it). */
    public int[] outcome() {
        return outcome;
    }

    /**
     * The intended joint outcome a1 * m + a2 at each step, before trembling-hand noise (live array, length B * T).
     *
     * @throws IllegalStateException if the batch was made without intended actions
     */
    public int[] intended() {
        if (intended == null) {
            throw new IllegalStateException("this batch stores no intended actions; make it with "
                    + "TrajectoryBatch.full(B, T, true) or TrajectoryBatch.compact(B, T, logProbabilities, true)");
        }
        return intended;
    }

    /**
     * log pi1(a1 | state1) + log pi2(a2 | state2) of the intended actions at each step under the sampling
     * policies, summed in that order (live array, length B * T).
     *
     * @throws IllegalStateException if the batch is compact and was made without log-probabilities
     */
    public double[] jointLogProb() {
        if (jointLogProb == null) {
            throw new IllegalStateException("this compact batch stores no log-probabilities; make it with "
                    + "TrajectoryBatch.compact(B, T, true) or new TrajectoryBatch(B, T)");
        }
        return jointLogProb;
    }

    /** The state array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #state1()}. */
    public int[] state(int agent) {
        return agent == 0 ? state1() : checkedAgent(agent, state2());
    }

    /** The action array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #action1()}. */
    public int[] action(int agent) {
        return agent == 0 ? action1() : checkedAgent(agent, action2());
    }

    /** The reward array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #reward1()}. */
    public double[] reward(int agent) {
        return agent == 0 ? reward1() : checkedAgent(agent, reward2());
    }

    /** The log-probability array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #logProb1()}. */
    public double[] logProb(int agent) {
        return agent == 0 ? logProb1() : checkedAgent(agent, logProb2());
    }

    /**
     * The discounted return sum_{t &lt; T} gamma^t r_{agent,t} of one trajectory: the quantity whose mean over
     * trajectories estimates the finite-horizon value V_agent^T.
     *
     * @param agent      0 = agent 1, 1 = agent 2
     * @param trajectory b in [0, B)
     * @param gamma      discount factor
     */
    public double discountedReturn(int agent, int trajectory, double gamma) {
        if (trajectory < 0 || trajectory >= capacity) {
            throw new IndexOutOfBoundsException("trajectory " + trajectory + " is outside [0, " + capacity + ")");
        }
        double[] r = reward(agent);
        int base = trajectory * steps;
        double sum = 0;
        double weight = 1;
        for (int t = 0; t < steps; t++) {
            sum += weight * r[base + t];
            weight *= gamma;
        }
        return sum;
    }

    /** The per-agent array, or a clear failure on a compact batch. */
    private <T> T full(T array) {
        if (array == null) {
            throw new IllegalStateException("this batch is compact (outcomes only); the per-agent arrays need a full "
                    + "batch, new TrajectoryBatch(B, T)");
        }
        return array;
    }

    private static <T> T checkedAgent(int agent, T agent2Value) {
        if (agent != 1) {
            throw new IllegalArgumentException("agent = " + agent + "; must be 0 (agent 1) or 1 (agent 2)");
        }
        return agent2Value;
    }
}
