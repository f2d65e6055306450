package dev.opshape.tabular.sample;

import org.apache.commons.rng.core.source64.Philox4x64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PhiloxStream#nextLongs} is the same sequence as repeated {@link PhiloxStream#nextLong()} (checked against
 * commons-rng's Philox4x64 directly): from any position within a block, for any count (whole blocks, partial
 * blocks, zero), interleaved with single draws, across counter carries, and into any offset of the output array,
 * leaving the entries outside [offset, offset + count) untouched.
 */
class PhiloxStreamBulkTest {

    /** Random keys and counters (some just below a carry), random runs of bulk and single draws. */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0xB01CL);
        return Stream.generate(() -> {
            long[] state = new long[6];
            state[0] = random.nextLong();
            state[1] = random.nextLong();
            for (int w = 2; w < 6; w++) {
                state[w] = random.nextInt(3) == 0 ? -1L - random.nextInt(3) : random.nextLong();
            }
            return Arguments.of(state, random.nextLong());
        }).limit(200);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bulkDrawsContinueTheSingleDrawSequence(long[] state, long pattern) {
        Philox4x64 reference = new Philox4x64(state.clone());
        PhiloxStream stream = new PhiloxStream();
        stream.setState(state[0], state[1], state[2], state[3], state[4], state[5]);
        SplittableRandom random = new SplittableRandom(pattern);
        long[] out = new long[64];
        int drawn = 0;
        for (int call = 0; call < 12; call++) {
            if (random.nextBoolean()) {
                assertEquals(reference.nextLong(), stream.nextLong(), "single draw " + drawn++);
                continue;
            }
            int count = random.nextInt(20);   // 0 .. 19: empty, partial and several whole blocks
            int offset = random.nextInt(out.length - count + 1);
            java.util.Arrays.fill(out, 0x5EED);
            stream.nextLongs(out, offset, count);
            for (int i = 0; i < out.length; i++) {
                if (i >= offset && i < offset + count) {
                    assertEquals(reference.nextLong(), out[i], "bulk draw " + drawn++);
                } else {
                    assertEquals(0x5EED, out[i], "entry " + i + " outside the requested range was written");
                }
            }
        }
    }
}
