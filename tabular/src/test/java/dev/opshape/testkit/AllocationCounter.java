package dev.opshape.testkit;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Counts the bytes the current thread allocates while it runs a measured body, with HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), for the allocation tests of the hot
 * kernels.
 *
 * <p>Why the fewest over a few attempts: a kernel that allocates per call allocates on every attempt, at least 16
 * bytes times the number of calls, so the minimum exposes it. A one-off event does not recur: the JIT
 * deoptimising a compiled frame materialises its scalar-replaced objects (seen once as 184 bytes in 10,000 calls of
 * a kernel that allocates nothing), and would fail a single exact measurement at random.
 */
public final class AllocationCounter {

    /** Attempts before a non-zero count is believed. */
    public static final int ATTEMPTS = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationCounter() {
    }

    /**
     * The fewest bytes allocated by this thread over up to {@link #ATTEMPTS} runs of {@code body} (stopping at the
     * first run that allocates nothing). The body receives the attempt number, so that each attempt can use fresh
     * inputs.
     */
    public static long fewestBytes(IntConsumer body) {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < ATTEMPTS && fewest > 0; attempt++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            body.accept(attempt);
            fewest = Math.min(fewest, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return fewest;
    }
}
