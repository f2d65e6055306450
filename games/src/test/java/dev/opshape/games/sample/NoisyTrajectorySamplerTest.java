package dev.opshape.games.sample;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.AllocationCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampling a game with trembling-hand noise: the batch must hold intended actions, the trembles have the documented
 * frequencies, compact and full batches agree, the intended actions consume the noiseless game's words, and a game
 * with noise 0 is sampled bit for bit as the noiseless one. (Thread-count independence, prefix stability and the
 * commons-rng reconstruction of noisy batches are in {@link TrajectorySamplerReproducibilityTest}.)
 */
class NoisyTrajectorySamplerTest {

    @Test
    void aNoisyGameNeedsABatchWithIntendedActions() {
        IteratedGame noisy = IteratedGame.finite(BuiltInGames.IPD, 0.96, 10).withNoise(0.05);
        TrajectorySampler sampler = new TrajectorySampler(noisy);
        double[] theta = new double[noisy.dimension(0)];
        for (TrajectoryBatch batch : new TrajectoryBatch[] {TrajectoryBatch.full(2, 4, 10, false),
            TrajectoryBatch.compact(4, 10, true, false)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sampler.sample(theta, theta, 1, 2, batch));
            assertTrue(e.getMessage().contains("noise = 0.05") && e.getMessage().contains("intended")
                    && e.getMessage().contains("intendedActions = true"),
                    e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> TrajectoryBatch.full(2, 4, 10, false).intendedCell());
        assertFalse(TrajectoryBatch.compact(4, 10, false, false).hasIntended());
        assertTrue(TrajectoryBatch.compact(4, 10, false, true).hasIntended());
        assertTrue(TrajectoryBatch.full(2, 4, 10, true).hasIntended());
    }

    /**
     * Over many steps an agent's executed action differs from its intended one with frequency epsilon, and (with
     * three actions) each of the two other actions takes half of that; the two agents tremble independently. Each
     * frequency within 4.5 binomial standard errors (a handful of checks: a false alarm has probability ~1e-4).
     */
    @ParameterizedTest(name = "noise {0}")
    @ValueSource(doubles = {0.05, 0.3, 0.49})
    void tremblesHaveTheDocumentedFrequencies(double noise) {
        int steps = 50;
        int capacity = 4000;
        IteratedGame game = IteratedGame.finite(BuiltInGames.RPS, 0.9, steps).withNoise(noise);
        SplittableRandom random = new SplittableRandom(17);
        double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 1.0);
        double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 1.0);
        TrajectoryBatch batch = TrajectoryBatch.compact(capacity, steps, false, true);
        new TrajectorySampler(game).sample(theta1, theta2, 99, 3, batch);
        int n = capacity * steps;
        long[] byShift1 = new long[3];
        long[] byShift2 = new long[3];
        long both = 0;
        for (int i = 0; i < n; i++) {
            // Both cells are in the same state: their joint actions are the cells modulo the 9 joint actions.
            int intended = batch.intendedCell()[i] % 9;
            int executed = batch.cell()[i] % 9;
            int shift1 = Math.floorMod(executed / 3 - intended / 3, 3);
            int shift2 = Math.floorMod(executed % 3 - intended % 3, 3);
            byShift1[shift1]++;
            byShift2[shift2]++;
            both += shift1 != 0 && shift2 != 0 ? 1 : 0;
        }
        // The other action reached by shift 1 is the next one up or the one below, depending on the intended action;
        // summed over actions, both shifts have probability epsilon / 2 whatever the policy.
        for (long[] counts : new long[][] {byShift1, byShift2}) {
            assertFrequency(noise, (counts[1] + counts[2]) / (double) n, n, "tremble");
            assertFrequency(noise / 2, counts[1] / (double) n, n, "shift 1");
            assertFrequency(noise / 2, counts[2] / (double) n, n, "shift 2");
        }
        assertFrequency(noise * noise, both / (double) n, n, "both agents");
    }

    private static void assertFrequency(double p, double observed, int n, String what) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertTrue(Math.abs(observed - p) <= 4.5 * se, what + ": frequency " + observed + ", expected " + p + " +- "
                + se);
    }

    /**
     * The intended actions are drawn from the noiseless game's words: the first move, drawn in the start state by
     * both games from the same word, intends exactly what the noiseless game plays (later moves part once a tremble
     * has changed a state), while the trembles make some executed first moves differ.
     */
    @Test
    void firstIntendedMoveUsesTheNoiselessWords() {
        int steps = 7;
        int capacity = 64;
        IteratedGame plain = IteratedGame.finite(TestGames.ASYMMETRIC_2X3, 0.9, steps);
        SplittableRandom random = new SplittableRandom(5);
        double[] theta1 = SamplingFixtures.randomLogits(random, plain.dimension(0), 1.0);
        double[] theta2 = SamplingFixtures.randomLogits(random, plain.dimension(1), 1.0);
        TrajectoryBatch without = TrajectoryBatch.full(2, capacity, steps, false);
        TrajectoryBatch with = TrajectoryBatch.full(2, capacity, steps, true);
        new TrajectorySampler(plain).sample(theta1, theta2, 8, 9, without);
        new TrajectorySampler(plain.withNoise(0.3)).sample(theta1, theta2, 8, 9, with);
        int trembled = 0;
        for (int b = 0; b < capacity; b++) {
            int i = b * steps;
            assertEquals(without.cell()[i], with.intendedCell()[i], "intended first move of trajectory " + b);
            assertEquals(without.logProb(0)[i], with.logProb(0)[i], 0.0);
            trembled += with.cell()[i] != with.intendedCell()[i] ? 1 : 0;
        }
        assertTrue(trembled > 0 && trembled < capacity, trembled + " of " + capacity + " first moves trembled");
    }

    /** Compact noisy batches hold the full noisy batch's outcomes, intended outcomes and joint log-probabilities. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ipd", "rps", "asym-2x3"})
    void compactAndFullNoisyBatchesAgree(String name) {
        int steps = 13;
        int capacity = 9;
        MatrixGame stage = SamplingFixtures.game(name);
        IteratedGame game = IteratedGame.finite(stage, 0.9, steps).withNoise(0.25);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 1.5);
        double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 1.5);
        TrajectorySampler sampler = new TrajectorySampler(game);
        TrajectoryBatch full = TrajectoryBatch.full(2, capacity, steps, true);
        TrajectoryBatch compact = TrajectoryBatch.compact(capacity, steps, true, true);
        TrajectoryBatch bare = TrajectoryBatch.compact(capacity, steps, false, true);
        sampler.sample(theta1, theta2, 4, 5, full);
        sampler.sample(theta1, theta2, 4, 5, compact);
        sampler.sample(theta1, theta2, 4, 5, bare);
        int m = stage.columns();
        int n = stage.rows();
        for (int i = 0; i < capacity * steps; i++) {
            assertEquals(full.action(0)[i] * m + full.action(1)[i], full.cell()[i] % (n * m), "executed outcome " + i);
            int state = i % steps == 0 ? 0 : 1 + full.cell()[i - 1] % (n * m);
            assertEquals(state, full.cell()[i] / (n * m), "the cell's state follows the executed outcome " + i);
            assertEquals(stage.payoff(0, full.action(0)[i], full.action(1)[i]), full.reward(0)[i], 0.0);
            if (i % steps > 0) {
                int previous = full.cell()[i - 1] % (n * m);
                assertEquals(1 + previous, full.observation(0)[i], "state1 follows the executed outcome");
                assertEquals(1 + (previous % m) * n + previous / m, full.observation(1)[i], "state2");
            }
        }
        assertArrayEquals(full.cell(), compact.cell());
        assertArrayEquals(full.cell(), bare.cell());
        assertArrayEquals(full.intendedCell(), compact.intendedCell());
        assertArrayEquals(full.intendedCell(), bare.intendedCell());
        assertArrayEquals(full.jointLogProb(), compact.jointLogProb());
    }

    /**
     * Noise 0 is the noiseless game, bit for bit: {@code withNoise(0.0)} samples the same batches (the noise lane
     * is never read), and a batch that stores intended actions receives the outcomes there, every other array
     * unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ipd", "rps", "asym-2x3"})
    void noiseZeroSamplesTheNoiselessBatches(String name) {
        int steps = 11;
        int capacity = 7;
        IteratedGame plain = IteratedGame.finite(SamplingFixtures.game(name), 0.9, steps);
        IteratedGame zero = plain.withNoise(0.3).withNoise(0.0);
        SplittableRandom random = new SplittableRandom(name.hashCode() + 1);
        double[] theta1 = SamplingFixtures.randomLogits(random, plain.dimension(0), 1.5);
        double[] theta2 = SamplingFixtures.randomLogits(random, plain.dimension(1), 1.5);
        TrajectoryBatch expected = TrajectoryBatch.full(2, capacity, steps, false);
        TrajectoryBatch actual = TrajectoryBatch.full(2, capacity, steps, false);
        TrajectoryBatch withIntended = TrajectoryBatch.full(2, capacity, steps, true);
        TrajectoryBatch compact = TrajectoryBatch.compact(capacity, steps, false, false);
        TrajectoryBatch compactZero = TrajectoryBatch.compact(capacity, steps, false, false);
        new TrajectorySampler(plain).sample(theta1, theta2, 12, 13, expected);
        new TrajectorySampler(zero).sample(theta1, theta2, 12, 13, actual);
        new TrajectorySampler(zero).sample(theta1, theta2, 12, 13, withIntended);
        new TrajectorySampler(plain).sample(theta1, theta2, 12, 13, compact);
        new TrajectorySampler(zero).sample(theta1, theta2, 12, 13, compactZero);
        SamplingFixtures.assertSameTrajectories(expected, actual, capacity);
        assertArrayEquals(expected.cell(), withIntended.intendedCell(), "intended = executed without noise");
        assertArrayEquals(expected.observation(0), withIntended.observation(0));
        assertArrayEquals(expected.logProb(1), withIntended.logProb(1));
        assertArrayEquals(compact.cell(), compactZero.cell());
    }

    /** Sampling a noisy game allocates nothing after the first call, compact or full. */
    @Test
    void noisySamplingAllocatesNothing() {
        IteratedGame game = IteratedGame.finite(BuiltInGames.RPS, 0.96, 20).withNoise(0.1);
        TrajectorySampler sampler = new TrajectorySampler(game);
        double[] theta1 = SamplingFixtures.randomLogits(new SplittableRandom(1), game.dimension(0), 1.0);
        double[] theta2 = SamplingFixtures.randomLogits(new SplittableRandom(2), game.dimension(1), 1.0);
        TrajectoryBatch full = TrajectoryBatch.full(2, 16, 20, true);
        TrajectoryBatch compact = TrajectoryBatch.compact(16, 20, true, true);
        for (int k = 0; k < 2000; k++) {
            sampler.sample(theta1, theta2, 3, k, full);
            sampler.sample(theta1, theta2, 3, k, compact);
        }
        long allocated = AllocationCounter.fewestBytes(attempt -> {
            for (int k = 0; k < 50; k++) {
                sampler.sample(theta1, theta2, 3, 10_000 + 100 * attempt + k, full);
                sampler.sample(theta1, theta2, 3, 10_000 + 100 * attempt + k, compact);
            }
        });
        assertEquals(0, allocated, "bytes allocated by 100 noisy samplings");
    }
}
