package dev.opshape.shaping.learner;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream-index layout: every index of a run below 65,536 and a step below 16,384 is bit for bit what the earlier
 * 16-bit-run layout gave (run &lt;&lt; 48 | update &lt;&lt; 24 | agent &lt;&lt; 23 | part &lt;&lt; 20 | step), so
 * no sampled number of those runs moved; larger runs get distinct indices; out-of-range fields are refused.
 */
class StreamIndexTest {

    private static long earlierLayout(int run, int update, int agent, StreamIndex.Part part, int step) {
        return ((long) run << 48) | ((long) update << 24) | ((long) agent << 23) | ((long) part.ordinal() << 20)
                | step;
    }

    @Test
    void smallRunsKeepTheirEarlierIndices() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            int run = random.nextInt(1 << 16);
            int update = random.nextInt(1 << 24);
            int agent = random.nextInt(2);
            StreamIndex.Part part = StreamIndex.Part.values()[random.nextInt(StreamIndex.Part.values().length)];
            int step = random.nextInt(StreamIndex.MAX_STEP + 1);
            assertEquals(earlierLayout(run, update, agent, part, step), StreamIndex.of(run, update, agent, part, step));
        }
    }

    @Test
    void everyFieldCombinationIsDistinct() {
        Set<Long> seen = new HashSet<>();
        int[] runs = {0, 1, 65535, 65536, 65537, 1 << 20, StreamIndex.MAX_RUN};
        int[] steps = {0, 1, 16383};
        for (int run : runs) {
            for (int update : new int[] {0, 1, (1 << 24) - 1}) {
                for (int agent = 0; agent < 2; agent++) {
                    for (StreamIndex.Part part : StreamIndex.Part.values()) {
                        for (int step : steps) {
                            assertTrue(seen.add(StreamIndex.of(run, update, agent, part, step)),
                                    run + "/" + update + "/" + agent + "/" + part + "/" + step);
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> StreamIndex.of(StreamIndex.MAX_RUN + 1, 0, 0,
                StreamIndex.Part.INIT, 0));
        assertThrows(IllegalArgumentException.class, () -> StreamIndex.of(0, 0, 0, StreamIndex.Part.INIT,
                StreamIndex.MAX_STEP + 1));
        assertThrows(IllegalArgumentException.class, () -> StreamIndex.of(-1, 0, 0, StreamIndex.Part.INIT, 0));
    }
}
