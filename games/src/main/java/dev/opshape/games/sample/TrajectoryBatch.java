package dev.opshape.games.sample;

/**
 * Caller-owned storage for up to B trajectories of T moves each of an iterated two-player game, in primitive arrays
 * that a {@link TrajectorySampler} fills and the sampled estimators read.
 *
 * <h2>Layout</h2>
 * Every array has length B * T and holds step t of trajectory b at index {@code b * T + t} (see {@link #index}), so
 * one trajectory is a contiguous run of T entries. At that index:
 * <ul>
 *   <li>{@code state1}, {@code state2}: the own-view state (see {@code PolicyLayout}) in which agent 1, respectively
 *       agent 2, chose its move: 0 (start) at t = 0, afterwards 1 + own * k_other + other for the previous joint
 *       action;</li>
 *   <li>{@code action1}, {@code action2}: the actions drawn, a1 in [0, n) and a2 in [0, m);</li>
 *   <li>{@code reward1}, {@code reward2}: the undiscounted stage rewards r_{i,t} = payoff_i(a1, a2);</li>
 *   <li>{@code logProb1}, {@code logProb2}: log pi_i(a_i | s_i) under the policies that drew the step (natural log;
 *       0 for a certain action).</li>
 * </ul>
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
    private final int[] state1;
    private final int[] state2;
    private final int[] action1;
    private final int[] action2;
    private final double[] reward1;
    private final double[] reward2;
    private final double[] logProb1;
    private final double[] logProb2;

    /**
     * Allocates the storage (eight arrays of capacity * steps entries, about 48 bytes per step).
     *
     * @param capacity B, the number of trajectories, &gt;= 1
     * @param steps    T, the number of moves per trajectory, &gt;= 1
     * @throws IllegalArgumentException if B or T is below 1 or B * T does not fit in a Java array
     */
    public TrajectoryBatch(int capacity, int steps) {
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
        this.capacity = capacity;
        this.steps = steps;
        int n = (int) size;
        this.state1 = new int[n];
        this.state2 = new int[n];
        this.action1 = new int[n];
        this.action2 = new int[n];
        this.reward1 = new double[n];
        this.reward2 = new double[n];
        this.logProb1 = new double[n];
        this.logProb2 = new double[n];
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
        return state1;
    }

    /** Agent 2's own-view state at each step (live array, length B * T). */
    public int[] state2() {
        return state2;
    }

    /** Agent 1's action at each step, in [0, n) (live array, length B * T). */
    public int[] action1() {
        return action1;
    }

    /** Agent 2's action at each step, in [0, m) (live array, length B * T). */
    public int[] action2() {
        return action2;
    }

    /** Agent 1's undiscounted reward at each step (live array, length B * T). */
    public double[] reward1() {
        return reward1;
    }

    /** Agent 2's undiscounted reward at each step (live array, length B * T). */
    public double[] reward2() {
        return reward2;
    }

    /** log pi1(action1 | state1) at each step under the sampling policy (live array, length B * T). */
    public double[] logProb1() {
        return logProb1;
    }

    /** log pi2(action2 | state2) at each step under the sampling policy (live array, length B * T). */
    public double[] logProb2() {
        return logProb2;
    }

    /** The state array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #state1()}. */
    public int[] state(int agent) {
        return agent == 0 ? state1 : checkedAgent(agent, state2);
    }

    /** The action array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #action1()}. */
    public int[] action(int agent) {
        return agent == 0 ? action1 : checkedAgent(agent, action2);
    }

    /** The reward array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #reward1()}. */
    public double[] reward(int agent) {
        return agent == 0 ? reward1 : checkedAgent(agent, reward2);
    }

    /** The log-probability array of the given agent (0 = agent 1, 1 = agent 2); live, as {@link #logProb1()}. */
    public double[] logProb(int agent) {
        return agent == 0 ? logProb1 : checkedAgent(agent, logProb2);
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

    private static <T> T checkedAgent(int agent, T agent2Value) {
        if (agent != 1) {
            throw new IllegalArgumentException("agent = " + agent + "; must be 0 (agent 1) or 1 (agent 2)");
        }
        return agent2Value;
    }
}
