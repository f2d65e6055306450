package dev.opshape.tabular.sample;

/**
 * Caller-owned storage for up to B trajectories of T moves each of a tabular model, in primitive arrays that a
 * {@link TrajectorySampler} fills and the sampled estimators read.
 *
 * <h2>Layout</h2>
 * Every array has length B * T and holds step t of trajectory b at index {@code b * T + t} (see {@link #index}), so
 * one trajectory is a contiguous run of T entries. At that index:
 * <ul>
 *   <li>{@code cell}: the cell s * A + a of the step (always stored): its state s and the executed joint action a
 *       (see {@code TabularModel}). It determines the step's observations, actions and rewards; the next step's state
 *       is the next cell's;</li>
 *   <li>{@code intendedCell}: only in a batch made to hold it (for problems with trembling-hand noise, see below):
 *       s * A + i with i the joint action the policies drew, before the noise replaced any;</li>
 *   <li>{@code jointLogProb}: the sum over players of log pi_i(a_i | o_i(s)) of the intended actions under the
 *       policies that drew the step (the behaviour log-probability an off-policy estimator needs; natural log, 0 for
 *       certain actions);</li>
 *   <li>in a full batch also, per player i: {@code observation(i)} o_i(s), {@code action(i)} its executed action,
 *       {@code reward(i)} its undiscounted reward r_i(s, a) and {@code logProb(i)} log pi_i of its intended action.
 *       (The state and the joint action are the cell's, s = cell / A and a = cell % A: not stored twice.)</li>
 * </ul>
 *
 * <h2>Intended and executed actions</h2>
 * Under trembling-hand noise a player's intended action is replaced, with some probability, by another one: the
 * executed actions make the rewards and the next state, while a likelihood-ratio estimator must score the intended
 * ones (their distribution is the policy's; the noise does not depend on the logits). A batch for a noisy problem
 * therefore also stores the intended cells ({@link #intendedCell()}). Without noise intended and executed agree, and a
 * batch without the array costs nothing extra; a noiseless sampler fills the array, if present, with the cells.
 *
 * <h2>Full and compact batches</h2>
 * A {@link #full full} batch holds every array above. A {@link #compact compact} batch holds only the cells and, if
 * asked for, the joint log-probabilities and the intended cells (4 to 16 bytes per step): all a sampled estimator
 * reads. The per-player accessors need a full batch and throw {@link IllegalStateException} on a compact one.
 *
 * <p>B and T are fixed at construction; the batch is meant to be refilled, each sampling call overwriting the
 * trajectories it is asked for and leaving the others untouched. The accessors return the live arrays, not copies,
 * so that hot loops read them directly. Distinct trajectories occupy disjoint index ranges, so samplers on different
 * threads may fill disjoint trajectory ranges of one batch concurrently.
 */
public final class TrajectoryBatch {

    private final int capacity;
    private final int steps;
    private final int[] cell;
    private final double[] jointLogProb;
    /** The intended cells: null unless the batch was made to hold them. */
    private final int[] intendedCell;
    /** The full batch's arrays: all null in a compact batch. */
    private final int[][] observation;
    private final int[][] action;
    private final double[][] reward;
    private final double[][] logProb;

    private TrajectoryBatch(int capacity, int steps, int players, boolean logProbabilities, boolean withIntended) {
        int n = checkedSize(capacity, steps);
        this.capacity = capacity;
        this.steps = steps;
        this.cell = new int[n];
        this.jointLogProb = logProbabilities ? new double[n] : null;
        this.intendedCell = withIntended ? new int[n] : null;
        boolean full = players > 0;
        this.observation = full ? new int[players][n] : null;
        this.action = full ? new int[players][n] : null;
        this.reward = full ? new double[players][n] : null;
        this.logProb = full ? new double[players][n] : null;
    }

    /**
     * A full batch for a model with the given number of players: every array of the class comment (about
     * 4 + 24 N bytes per step).
     *
     * @param players         N &gt;= 1
     * @param capacity        B, the number of trajectories, &gt;= 1
     * @param steps           T, the number of moves per trajectory, &gt;= 1
     * @param intendedActions whether to store the intended cells (what a problem with noise needs)
     * @throws IllegalArgumentException if N, B or T is below 1 or B * T does not fit in a Java array
     */
    public static TrajectoryBatch full(int players, int capacity, int steps, boolean intendedActions) {
        if (players < 1) {
            throw new IllegalArgumentException("players = " + players + "; a batch needs at least 1 player");
        }
        return new TrajectoryBatch(capacity, steps, players, true, intendedActions);
    }

    /**
     * A compact batch: cells only, plus the joint log-probabilities if {@code logProbabilities} (needed to weight the
     * trajectories by importance ratios later, for example in a replay buffer) and the intended cells if
     * {@code intendedActions} (what a problem with noise needs).
     *
     * @throws IllegalArgumentException if B or T is below 1 or B * T does not fit in a Java array
     */
    public static TrajectoryBatch compact(int capacity, int steps, boolean logProbabilities,
                                          boolean intendedActions) {
        return new TrajectoryBatch(capacity, steps, 0, logProbabilities, intendedActions);
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

    /** True if the batch holds the full arrays, false if it is compact. */
    public boolean isFull() {
        return observation != null;
    }

    /** True if the batch stores the joint log-probabilities. */
    public boolean hasLogProbabilities() {
        return jointLogProb != null;
    }

    /** True if the batch stores the intended cells. */
    public boolean hasIntended() {
        return intendedCell != null;
    }

    /** Number of players a full batch has arrays for (0 for a compact batch). */
    public int numPlayers() {
        return observation == null ? 0 : observation.length;
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

    /** The cell s * A + a (executed joint action) of each step (live array, length B * T; every batch has it). */
    public int[] cell() {
        return cell;
    }

    /**
     * The intended cell s * A + i of each step, before trembling-hand noise (live array, length B * T).
     *
     * @throws IllegalStateException if the batch was made without intended actions
     */
    public int[] intendedCell() {
        if (intendedCell == null) {
            throw new IllegalStateException("this batch stores no intended actions; make it with "
                    + "intendedActions = true");
        }
        return intendedCell;
    }

    /**
     * The sum over players of the intended actions' log-probabilities at each step under the sampling policies (live
     * array, length B * T).
     *
     * @throws IllegalStateException if the batch is compact and was made without log-probabilities
     */
    public double[] jointLogProb() {
        if (jointLogProb == null) {
            throw new IllegalStateException("this compact batch stores no log-probabilities; make it with "
                    + "logProbabilities = true, or make a full batch");
        }
        return jointLogProb;
    }

    /** Player i's observation at each step (live array; full batches only). */
    public int[] observation(int player) {
        return full(observation)[checkedPlayer(player)];
    }

    /** Player i's executed action at each step (live array; full batches only). */
    public int[] action(int player) {
        return full(action)[checkedPlayer(player)];
    }

    /** Player i's undiscounted reward at each step (live array; full batches only). */
    public double[] reward(int player) {
        return full(reward)[checkedPlayer(player)];
    }

    /**
     * log pi_i of player i's intended action at each step under the sampling policy (live array; full batches only);
     * without noise the intended action is the executed one.
     */
    public double[] logProb(int player) {
        return full(logProb)[checkedPlayer(player)];
    }

    /**
     * The discounted return sum_{t &lt; T} gamma^t r_{i,t} of one trajectory: the quantity whose mean over
     * trajectories estimates the finite-horizon value V_i^T. Full batches only.
     *
     * @param player     i
     * @param trajectory b in [0, B)
     * @param gamma      discount factor
     */
    public double discountedReturn(int player, int trajectory, double gamma) {
        if (trajectory < 0 || trajectory >= capacity) {
            throw new IndexOutOfBoundsException("trajectory " + trajectory + " is outside [0, " + capacity + ")");
        }
        double[] r = reward(player);
        int base = trajectory * steps;
        double sum = 0;
        double weight = 1;
        for (int t = 0; t < steps; t++) {
            sum += weight * r[base + t];
            weight *= gamma;
        }
        return sum;
    }

    private int checkedPlayer(int player) {
        if (player < 0 || player >= observation.length) {
            throw new IllegalArgumentException("player = " + player + "; this batch has players 0.."
                    + (observation.length - 1));
        }
        return player;
    }

    /** The full batch's array, or a clear failure on a compact batch. */
    private <T> T full(T array) {
        if (array == null) {
            throw new IllegalStateException("this batch is compact (cells only); the per-player arrays need a full "
                    + "batch, TrajectoryBatch.full(players, B, T, intendedActions)");
        }
        return array;
    }
}
