package dev.opshape.shaping.parallel;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fixed pool of daemon worker threads that training runs, bias studies and tournaments share the shape of: tasks
 * are submitted, their results awaited in the caller's order, a task's failure re-thrown on the caller's thread as it
 * was thrown (unwrapped), and every worker interrupted when the pool closes (after a failure too). Results never
 * depend on which worker ran a task: the callers key every random stream by the work unit.
 */
public final class WorkerPool implements AutoCloseable {

    private final ExecutorService executor;

    private WorkerPool(ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * A pool of {@code threads} daemon threads named {@code opshape-NAME}.
     *
     * @param threads &gt;= 1
     * @param name    what the threads work on, for thread dumps
     */
    public static WorkerPool start(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; must be >= 1");
        }
        return new WorkerPool(Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "opshape-" + name);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Submits a task. */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** Submits a task without a result. */
    public Future<?> submit(Runnable task) {
        return executor.submit(task);
    }

    /**
     * The task's result: its own exception is re-thrown unwrapped (a RuntimeException or Error as it is, a checked one
     * wrapped in IllegalStateException); an interrupt of the waiting thread keeps its status and becomes a
     * CancellationException.
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a worker");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Interrupts every worker and accepts no more tasks (running tasks stop at their next interrupt check). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
