package dev.opshape.tabular.sample;

import dev.opshape.testkit.AllocationCounter;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PhiloxStream is commons-rng's Philox4x64 stream, bit for bit: checked against commons-rng itself on generated keys,
 * counters (including every counter-word carry) and lengths, and against the published Random123 known-answer
 * vectors.
 */
class PhiloxStreamTest {

    /** One reused stream: re-keying in place is the point of the class, so every case re-keys the same object. */
    private static final PhiloxStream REUSED = new PhiloxStream();

    private static final long ALL_ONES = -1L;

    /**
     * Philox4x64-10 known-answer vectors of the Random123 distribution (file kat_vectors; Salmon et al. 2011):
     * counter words c0..c3, key words k0, k1, then the four output words.
     */
    static Stream<Arguments> random123KnownAnswers() {
        return Stream.of(
                Arguments.of(new long[] {0, 0, 0, 0}, new long[] {0, 0},
                        new long[] {0x16554d9eca36314cL, 0xdb20fe9d672d0fdcL, 0xd7e772cee186176bL,
                            0x7e68b68aec7ba23bL}),
                Arguments.of(new long[] {ALL_ONES, ALL_ONES, ALL_ONES, ALL_ONES}, new long[] {ALL_ONES, ALL_ONES},
                        new long[] {0x87b092c3013fe90bL, 0x438c3c67be8d0224L, 0x9cc7d7c69cd777b6L,
                            0xa09caebf594f0ba0L}),
                Arguments.of(new long[] {0x243f6a8885a308d3L, 0x13198a2e03707344L, 0xa4093822299f31d0L,
                            0x082efa98ec4e6c89L}, new long[] {0x452821e638d01377L, 0xbe5466cf34e90c6cL},
                        new long[] {0xa528f45403e61d95L, 0x38c72dbd566e9788L, 0xa5a1610e72fd18b5L,
                            0x57bd43b5e52b7fe6L}));
    }

    @ParameterizedTest
    @MethodSource("random123KnownAnswers")
    void firstBlockMatchesRandom123AndCommonsRng(long[] counter, long[] key, long[] expected) {
        // Both generators increment the counter before the first block, so start one below it (256-bit borrow).
        long[] start = minusOne(counter);
        Philox4x64 reference = new Philox4x64(new long[] {key[0], key[1], start[0], start[1], start[2], start[3]});
        REUSED.setState(key[0], key[1], start[0], start[1], start[2], start[3]);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], reference.nextLong(), "commons-rng word " + i);
            assertEquals(expected[i], REUSED.nextLong(), "PhiloxStream word " + i);
        }
    }

    private static long[] minusOne(long[] counter) {
        long[] r = counter.clone();
        for (int i = 0; i < 4; i++) {
            if (r[i]-- != 0) {
                break;
            }
        }
        return r;
    }

    /**
     * Generated cases: random keys; counters that are random, zero, or one to three blocks below a carry in each
     * word (so the run crosses it); lengths from 1 to 700 draws; a random interleaving of nextLong and nextDouble.
     */
    static Stream<Arguments> generatedStates() {
        SplittableRandom random = new SplittableRandom(20240611L);
        return Stream.generate(() -> {
            long[] state = new long[6];
            state[0] = random.nextLong();
            state[1] = random.nextLong();
            for (int w = 2; w < 6; w++) {
                switch (random.nextInt(4)) {
                    case 0 -> state[w] = random.nextLong();
                    case 1 -> state[w] = 0;
                    case 2 -> state[w] = ALL_ONES;
                    default -> state[w] = -1L - random.nextInt(4);
                }
            }
            int length = 1 + random.nextInt(700);
            long pattern = random.nextLong();
            return Arguments.of(state, length, pattern);
        }).limit(400);
    }

    @ParameterizedTest
    @MethodSource("generatedStates")
    void sequenceIsIdenticalToCommonsRng(long[] state, int length, long pattern) {
        Philox4x64 reference = new Philox4x64(state.clone());
        REUSED.setState(state[0], state[1], state[2], state[3], state[4], state[5]);
        for (int i = 0; i < length; i++) {
            if (((pattern >>> (i & 63)) & 1) == 0) {
                assertEquals(reference.nextLong(), REUSED.nextLong(), "nextLong draw " + i);
            } else {
                // Compare bits: equality must be exact, not within a tolerance.
                assertEquals(Double.doubleToRawLongBits(reference.nextDouble()),
                        Double.doubleToRawLongBits(REUSED.nextDouble()), "nextDouble draw " + i);
            }
        }
    }

    @Test
    void carriesThroughEveryCounterWordAndWrapsAtThePeriodEnd() {
        // Counter words 0..2 all at 2^64 - 1 minus a little: the run carries into word 1, 2 and 3 in turn; the
        // all-ones counter wraps to zero (the end of the 2^256-block period).
        long[][] starts = {
            {7, 11, -3, 0, 0, 0},
            {7, 11, -2, ALL_ONES, 0, 0},
            {7, 11, -2, ALL_ONES, ALL_ONES, 5},
            {7, 11, -2, ALL_ONES, ALL_ONES, ALL_ONES},
        };
        for (long[] s : starts) {
            Philox4x64 reference = new Philox4x64(s.clone());
            REUSED.setState(s[0], s[1], s[2], s[3], s[4], s[5]);
            for (int i = 0; i < 64; i++) {
                assertEquals(reference.nextLong(), REUSED.nextLong(), "draw " + i);
            }
        }
    }

    @Test
    void resetIsTheDocumentedCommonsRngStream() {
        SplittableRandom random = new SplittableRandom(99);
        for (int c = 0; c < 20; c++) {
            long seed = random.nextLong();
            long stream = random.nextLong();
            int trajectory = random.nextInt(6);
            // Documented equivalents: the six-word constructor, and RandomSource with (seed, stream) jumped b times.
            Philox4x64 byConstructor = new Philox4x64(new long[] {seed, stream, 0, 0, trajectory, 0});
            Philox4x64 jumped = (Philox4x64) RandomSource.PHILOX_4X64.create(new long[] {seed, stream});
            for (int j = 0; j < trajectory; j++) {
                jumped.jump();
            }
            UniformRandomProvider viaRandomSource = jumped;
            REUSED.reset(seed, stream, trajectory);
            for (int i = 0; i < 50; i++) {
                long expected = byConstructor.nextLong();
                assertEquals(expected, viaRandomSource.nextLong(), "RandomSource draw " + i);
                assertEquals(expected, REUSED.nextLong(), "PhiloxStream draw " + i);
            }
        }
    }

    @Test
    void nextDoubleIsTheTop53BitsScaledIntoTheUnitInterval() {
        PhiloxStream a = new PhiloxStream();
        PhiloxStream b = new PhiloxStream();
        a.reset(1, 2, 3);
        b.reset(1, 2, 3);
        for (int i = 0; i < 1000; i++) {
            long bits = a.nextLong();
            double u = b.nextDouble();
            assertEquals((double) (bits >>> 11) / (1L << 53), u, 0.0);
            assertEquals(true, u >= 0 && u < 1, "u = " + u);
        }
    }

    @Test
    void unsignedMultiplyHighAgreesWithBigInteger() {
        SplittableRandom random = new SplittableRandom(5);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xD2E7470EE14C6C93L};
        for (int i = 0; i < 2000; i++) {
            long a = i < 36 ? edges[i % 6] : random.nextLong();
            long b = i < 36 ? edges[i / 6] : random.nextLong();
            long expected = new BigInteger(Long.toUnsignedString(a)).multiply(new BigInteger(Long.toUnsignedString(b)))
                    .shiftRight(64).and(mask).longValue();
            assertEquals(expected, PhiloxStream.unsignedMultiplyHigh(a, b), a + " * " + b);
        }
    }

    @Test
    void reKeyingAndDrawingAllocateNothing() {
        PhiloxStream stream = new PhiloxStream();
        long sink = 0;
        for (int warm = 0; warm < 20_000; warm++) {
            sink += draw(stream, warm);
        }
        long[] total = {sink};
        long allocated = AllocationCounter.fewestBytes(attempt -> {
            for (int b = 0; b < 1000; b++) {
                total[0] += draw(stream, 1000 * attempt + b);
            }
        });
        assertEquals(0, allocated, "bytes allocated by 1000 re-keyings of 100 draws (sink " + total[0] + ")");
    }

    private static long draw(PhiloxStream stream, int trajectory) {
        stream.reset(42, 7, trajectory);
        long acc = 0;
        for (int i = 0; i < 100; i++) {
            acc ^= stream.nextLong() + Double.doubleToRawLongBits(stream.nextDouble());
        }
        return acc;
    }
}
