package dev.opshape.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation tests' counter sees a per-call allocation on every attempt, and nothing where there is none. */
class AllocationCounterTest {

    private static Object sink;

    @Test
    void aPerCallAllocationShowsOnEveryAttempt() {
        long fewest = AllocationCounter.fewestBytes(attempt -> {
            for (int i = 0; i < 1000; i++) {
                sink = new long[4];
            }
        });
        assertTrue(fewest >= 1000 * 16, fewest + " bytes for 1000 arrays of 4 longs");
    }

    @Test
    void aLoopThatAllocatesNothingCountsZero() {
        double[] total = new double[1];
        for (int warm = 0; warm < 3; warm++) {
            AllocationCounter.fewestBytes(attempt -> total[0] += attempt);
        }
        assertEquals(0, AllocationCounter.fewestBytes(attempt -> {
            for (int i = 0; i < 1000; i++) {
                total[0] += i * 0.5;
            }
        }));
    }
}
