package dev.opshape.tabular.sample;

import dev.opshape.tabular.TabularProblem;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Fills a {@link TrajectoryBatch} with several threads: [0, B) is cut into one contiguous range per worker, each
 * range is drawn by that worker's own {@link TrajectorySampler}, one range on the calling thread and the others on a
 * caller-owned {@link ExecutorService}.
 *
 * <p>Because every trajectory draws from its own stream (see {@link TrajectorySampler}), the batch is bit for bit the
 * same as a single sampler's {@code sample(theta, seed, stream, batch)}, whatever the number of workers or
 * of executor threads.
 *
 * <p>Each call allocates a few small objects per worker (task and future): O(workers), independent of B and T. The
 * executor is neither created nor shut down here. Not thread-safe (its samplers are reused): one instance per
 * calling thread. The executor must keep running during a call (a task drained by {@code shutdownNow()} never
 * completes); do not call it from a task of the same bounded executor whose threads may all be busy waiting.
 */
public final class ParallelTrajectorySampler {

    private final ExecutorService executor;
    private final TrajectorySampler[] samplers;
    private final Future<?>[] pending;

    /**
     * @param problem  the tabular problem
     * @param executor runs all but one of the ranges (the calling thread draws the first)
     * @param workers  number of ranges and samplers, &gt;= 1 (typically the executor's thread count + 1, or the
     *                 number of cores)
     */
    public ParallelTrajectorySampler(TabularProblem problem, ExecutorService executor, int workers) {
        if (executor == null) {
            throw new IllegalArgumentException("executor is null; pass the ExecutorService that runs the workers");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers = " + workers + "; need at least 1");
        }
        this.executor = executor;
        this.samplers = new TrajectorySampler[workers];
        for (int w = 0; w < workers; w++) {
            samplers[w] = new TrajectorySampler(problem);
        }
        this.pending = new Future<?>[workers];
    }

    /** The number of ranges a batch is cut into. */
    public int workers() {
        return samplers.length;
    }

    /**
     * Fills every trajectory [0, B) of the batch, identically to {@link TrajectorySampler#sample(double[], long, long,
     * TrajectoryBatch)}. Returns only when every range is written, even if interrupted meanwhile (the
     * interrupt is then kept as the thread's interrupt status): no worker writes into the batch after the return.
     *
     * @throws dev.opshape.tabular.InvalidModelException if theta has the wrong length or holds NaN
     * @throws IllegalArgumentException                  if the batch does not fit the problem
     * @throws RejectedExecutionException                if the executor refuses the work (for example after shutdown)
     */
    public void sample(double[] theta, long seed, long stream, TrajectoryBatch batch) {
        // Validate here so that a bad argument is reported on the caller's thread, not wrapped by a worker.
        samplers[0].validate(theta, batch, 0, batch == null ? 0 : batch.capacity());
        int capacity = batch.capacity();
        int workers = samplers.length;
        Throwable failure = null;
        try {
            for (int w = 1; w < workers; w++) {
                int from = rangeStart(w, workers, capacity);
                int to = rangeStart(w + 1, workers, capacity);
                if (from < to) {
                    TrajectorySampler sampler = samplers[w];
                    pending[w] = executor.submit(() -> sampler.sample(theta, seed, stream, batch, from, to));
                }
            }
            samplers[0].sample(theta, seed, stream, batch, 0, rangeStart(1, workers, capacity));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        failure = awaitAll(failure);
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("a sampling worker failed", failure);
        }
    }

    /** Start of range w of [0, capacity) cut into {@code workers} near-equal contiguous ranges. */
    private static int rangeStart(int w, int workers, int capacity) {
        return (int) ((long) w * capacity / workers);
    }

    /**
     * Waits for every submitted range, even through interrupts, and returns the first failure (the given one if
     * not null, else the first worker's exception).
     */
    private Throwable awaitAll(Throwable failure) {
        boolean interrupted = false;
        for (int w = 1; w < pending.length; w++) {
            Future<?> future = pending[w];
            if (future == null) {
                continue;
            }
            pending[w] = null;
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    // Keep waiting: returning while a worker still writes into the caller's batch would be worse.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                } catch (CancellationException e) {
                    if (failure == null) {
                        failure = new IllegalStateException("a sampling range was cancelled; the batch is incomplete",
                                e);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }
}
