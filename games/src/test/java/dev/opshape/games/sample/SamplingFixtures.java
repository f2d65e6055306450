package dev.opshape.games.sample;

import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.testkit.Vectors;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Games, random parameter points and batch comparisons shared by the sampling tests. */
final class SamplingFixtures {

    private SamplingFixtures() {
    }

    /** The games the tests sample: a 2 x 2 sigmoid game, a 3 x 3 softmax game and the asymmetric 2 x 3 one. */
    static MatrixGame game(String name) {
        return TestGames.byName(name);
    }

    /** A logit vector of the given length with independent N(0, scale^2) entries. */
    static double[] randomLogits(SplittableRandom random, int length, double scale) {
        return Vectors.gaussian(random, length, scale);
    }

    /** Every array of two batches agrees on trajectories [0, count). */
    static void assertSameTrajectories(TrajectoryBatch expected, TrajectoryBatch actual, int count) {
        assertEquals(expected.steps(), actual.steps(), "T");
        int n = count * expected.steps();
        assertArrayEquals(prefix(expected.observation(0), n), prefix(actual.observation(0), n), "state1");
        assertArrayEquals(prefix(expected.observation(1), n), prefix(actual.observation(1), n), "state2");
        assertArrayEquals(prefix(expected.action(0), n), prefix(actual.action(0), n), "action1");
        assertArrayEquals(prefix(expected.action(1), n), prefix(actual.action(1), n), "action2");
        // Without a delta JUnit compares the bits of each double: the same draws must give the same numbers.
        assertArrayEquals(prefix(expected.reward(0), n), prefix(actual.reward(0), n), "reward1");
        assertArrayEquals(prefix(expected.reward(1), n), prefix(actual.reward(1), n), "reward2");
        assertArrayEquals(prefix(expected.logProb(0), n), prefix(actual.logProb(0), n), "logProb1");
        assertArrayEquals(prefix(expected.logProb(1), n), prefix(actual.logProb(1), n), "logProb2");
        assertArrayEquals(prefix(expected.cell(), n), prefix(actual.cell(), n), "outcome");
        assertArrayEquals(prefix(expected.jointLogProb(), n), prefix(actual.jointLogProb(), n), "jointLogProb");
        assertEquals(expected.hasIntended(), actual.hasIntended(), "intended actions stored");
        if (expected.hasIntended()) {
            assertArrayEquals(prefix(expected.intendedCell(), n), prefix(actual.intendedCell(), n), "intended");
        }
    }

    private static int[] prefix(int[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }

    private static double[] prefix(double[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }
}
