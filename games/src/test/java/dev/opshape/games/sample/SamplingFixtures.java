package dev.opshape.games.sample;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.sample.TrajectoryBatch;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Games, random parameter points and batch comparisons shared by the sampling tests. */
final class SamplingFixtures {

    /**
     * An asymmetric 2 x 3 general-sum game (made up for the tests): agent 1 has 2 actions (one sigmoid logit per
     * state), agent 2 has 3 (softmax), so the two own-view state encodings and logit layouts differ.
     */
    static final MatrixGame ASYMMETRIC_2X3 = new MatrixGame("asym-2x3", "asymmetric 2 x 3 test game", "tests",
            null, null,
            new double[][] {{3, -1, 0.5}, {0, 2, -2}},
            new double[][] {{-1, 1, 2}, {4, 0, -3}});

    private SamplingFixtures() {
    }

    /** The games the tests sample: a 2 x 2 sigmoid game, a 3 x 3 softmax game and the asymmetric 2 x 3 one. */
    static MatrixGame game(String name) {
        return switch (name) {
            case "ipd" -> BuiltInGames.IPD;
            case "rps" -> BuiltInGames.RPS;
            case "asym-2x3" -> ASYMMETRIC_2X3;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A logit vector of the given length with independent N(0, scale^2) entries. */
    static double[] randomLogits(SplittableRandom random, int length, double scale) {
        double[] theta = new double[length];
        for (int i = 0; i < length; i++) {
            theta[i] = scale * random.nextGaussian();
        }
        return theta;
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
