package dev.opshape.shaping.estimator;

import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;

/**
 * A FIFO ring of stored trajectories with the behaviour log-probability of every move, the replay buffer of the
 * off-policy estimators. Each push draws B fresh trajectories into the slots of the B oldest (slot index = the
 * trajectory's key in its stream, so the draws depend only on (seed, stream, slot)); estimates read every filled slot
 * with importance weights. One buffer may serve several estimators (the seed paper's buffer shared by both agents of a
 * pairing): each push is then visible to every estimator that reads it afterwards. Allocation happens in the
 * constructor only.
 */
final class ReplayBuffer {

    private final TrajectoryBatch trajectories;
    private final int capacity;
    private int filled;
    private int head;
    /** The slots of the last push: [lastFrom, lastTo) and, when the ring wrapped, [0, lastWrapped). */
    private int lastFrom;
    private int lastTo;
    private int lastWrapped;

    /**
     * @param capacity trajectories held, &gt;= 1
     * @param horizon  moves per trajectory
     * @param noisy    whether the problem has trembling-hand noise (then the intended cells are stored too)
     */
    ReplayBuffer(int capacity, int horizon, boolean noisy) {
        this.capacity = capacity;
        this.trajectories = TrajectoryBatch.compact(capacity, horizon, true, noisy);
    }

    /** The stored trajectories (slots [0, {@link #filled()}) hold data). */
    TrajectoryBatch trajectories() {
        return trajectories;
    }

    int capacity() {
        return capacity;
    }

    /** How many slots hold trajectories. */
    int filled() {
        return filled;
    }

    /** True if nothing was pushed since construction or the last {@link #clear}. */
    boolean isEmpty() {
        return filled == 0;
    }

    /**
     * Draws {@code count} fresh trajectories at theta from the stream (seed, stream) into the slots of the oldest
     * ones (count &lt;= capacity; slot s uses the stream's trajectory key s).
     */
    void push(TrajectorySampler sampler, double[] theta, long seed, long stream, int count) {
        lastFrom = head;
        lastTo = Math.min(head + count, capacity);
        lastWrapped = head + count - lastTo;
        sampler.sample(theta, seed, stream, trajectories, lastFrom, lastTo);
        if (lastWrapped > 0) {
            sampler.sample(theta, seed, stream, trajectories, 0, lastWrapped);
        }
        head = (head + count) % capacity;
        filled = Math.min(filled + count, capacity);
    }

    int lastFrom() {
        return lastFrom;
    }

    int lastTo() {
        return lastTo;
    }

    int lastWrapped() {
        return lastWrapped;
    }

    /** Empties the buffer. */
    void clear() {
        filled = 0;
        head = 0;
        lastFrom = 0;
        lastTo = 0;
        lastWrapped = 0;
    }

    /** Whether an estimator with this capacity and horizon in a problem with or without noise can use the buffer. */
    boolean fits(int otherCapacity, int horizon, boolean noisy) {
        return otherCapacity == capacity && horizon == trajectories.steps() && noisy == trajectories.hasIntended();
    }
}
