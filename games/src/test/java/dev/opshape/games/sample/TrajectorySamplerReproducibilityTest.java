package dev.opshape.games.sample;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.sample.ParallelTrajectorySampler;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A trajectory depends only on (game, logits, seed, stream, b, T): the same for any number of threads, any batch
 * size, any split into ranges and any order of the calls; and it can be recomputed with commons-rng alone. Every
 * case is also played with trembling-hand noise 0.2 (its trembles drawn from the second lane of the same key).
 */
class TrajectorySamplerReproducibilityTest {

    private static ExecutorService twoThreads;

    @BeforeAll
    static void startThreads() {
        twoThreads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        twoThreads.shutdownNow();
    }

    /**
     * Generated cases: game, seed, stream, B, T and a random parameter point (logit scale 1.5, some infinite), each
     * without and with noise.
     */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(31337);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            for (int c = 0; c < 4; c++) {
                MatrixGame game = SamplingFixtures.game(name);
                int steps = 1 + random.nextInt(40);
                int capacity = 1 + random.nextInt(37);
                IteratedGame iterated = IteratedGame.finite(game, 0.9, steps);
                double[] theta1 = SamplingFixtures.randomLogits(random, iterated.dimension(0), 1.5);
                double[] theta2 = SamplingFixtures.randomLogits(random, iterated.dimension(1), 1.5);
                if (c == 3) {
                    // Some deterministic states too.
                    theta1[0] = Double.NEGATIVE_INFINITY;
                    theta2[theta2.length - 1] = Double.POSITIVE_INFINITY;
                }
                long seed = random.nextLong();
                long stream = random.nextLong();
                cases.add(Arguments.of(name, iterated, theta1, theta2, seed, stream, capacity));
                cases.add(Arguments.of(name + " noise 0.2", iterated.withNoise(0.2), theta1, theta2, seed, stream,
                        capacity));
            }
        }
        return cases.stream();
    }

    /** A full batch for the game: with intended actions if it is noisy. */
    private static TrajectoryBatch batch(IteratedGame game, int capacity) {
        return TrajectoryBatch.full(2, capacity, game.horizon(), game.isNoisy());
    }

    @ParameterizedTest(name = "{0} case {index}")
    @MethodSource("cases")
    void identicalForOneAndTwoThreadsAndAnyWorkerCount(String name, IteratedGame game, double[] theta1,
                                                      double[] theta2, long seed, long stream, int capacity) {
        TrajectoryBatch sequential = batch(game, capacity);
        new TrajectorySampler(game).sample(theta1, theta2, seed, stream, sequential);
        for (int workers : new int[] {1, 2, 3, 5}) {
            TrajectoryBatch parallel = batch(game, capacity);
            new ParallelTrajectorySampler(game, twoThreads, workers).sample(game.layout().join(theta1, theta2), seed, stream, parallel);
            SamplingFixtures.assertSameTrajectories(sequential, parallel, capacity);
        }
    }

    @ParameterizedTest(name = "{0} case {index}")
    @MethodSource("cases")
    void prefixStableInBatchSize(String name, IteratedGame game, double[] theta1, double[] theta2, long seed,
                                 long stream, int capacity) {
        TrajectorySampler sampler = new TrajectorySampler(game);
        TrajectoryBatch small = batch(game, capacity);
        TrajectoryBatch large = batch(game, 2 * capacity);
        sampler.sample(theta1, theta2, seed, stream, large);
        sampler.sample(theta1, theta2, seed, stream, small);
        SamplingFixtures.assertSameTrajectories(small, large, capacity);
    }

    @ParameterizedTest(name = "{0} case {index}")
    @MethodSource("cases")
    void identicalWhenRangesAreFilledInAnyOrder(String name, IteratedGame game, double[] theta1, double[] theta2,
                                                long seed, long stream, int capacity) {
        TrajectorySampler sampler = new TrajectorySampler(game);
        TrajectoryBatch whole = batch(game, capacity);
        sampler.sample(theta1, theta2, seed, stream, whole);

        // Cut [0, B) at random points (empty ranges allowed) and fill the pieces in a shuffled order, with a
        // sampler that has just drawn other trajectories (its workspace and stream must not leak between calls).
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> cuts = new ArrayList<>(List.of(0, capacity));
        for (int i = 0; i < 4; i++) {
            cuts.add(random.nextInt(capacity + 1));
        }
        Collections.sort(cuts);
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            ranges.add(new int[] {cuts.get(i), cuts.get(i + 1)});
        }
        Collections.shuffle(ranges, new java.util.Random(seed));
        TrajectoryBatch pieces = batch(game, capacity);
        TrajectorySampler reused = new TrajectorySampler(game);
        double[] other1 = SamplingFixtures.randomLogits(random, theta1.length, 3.0);
        double[] other2 = SamplingFixtures.randomLogits(random, theta2.length, 3.0);
        for (int[] range : ranges) {
            reused.sample(other1, other2, seed + 1, stream, pieces, 0, capacity);
            reused.sample(theta1, theta2, seed, stream, pieces, range[0], range[1]);
        }
        // The last other-parameter call overwrote everything; refill the ranges once more, in the shuffled order.
        for (int[] range : ranges) {
            reused.sample(theta1, theta2, seed, stream, pieces, range[0], range[1]);
        }
        SamplingFixtures.assertSameTrajectories(whole, pieces, capacity);
    }

    /**
     * The documented scheme, rebuilt from commons-rng and ActionLogits only: trajectory b reads
     * {@code new Philox4x64(new long[] {seed, stream, 0, 0, b, 0})}, two nextDouble() per step (agent 1 first), and
     * takes the smallest action whose cumulative probability exceeds the uniform; with noise epsilon it also reads
     * {@code new Philox4x64(new long[] {seed, stream, 0, 0, b, 1})}, two nextDouble() per step (agent 1 first), and
     * an agent whose uniform u is below epsilon executes the floor((u / epsilon) (k - 1))-th of its other actions.
     * States follow the executed actions, log-probabilities are the intended actions'.
     */
    @ParameterizedTest(name = "{0} case {index}")
    @MethodSource("cases")
    void reproducibleWithCommonsRngAlone(String name, IteratedGame game, double[] theta1, double[] theta2,
                                         long seed, long stream, int capacity) {
        TrajectoryBatch batch = batch(game, capacity);
        new TrajectorySampler(game).sample(theta1, theta2, seed, stream, batch);
        MatrixGame stage = game.game();
        PolicyLayout layout1 = game.policyLayout(0);
        PolicyLayout layout2 = game.policyLayout(1);
        int n = stage.rows();
        int m = stage.columns();
        double[] pi1 = new double[n];
        double[] pi2 = new double[m];
        double e = game.noise();
        for (int b = 0; b < capacity; b++) {
            Philox4x64 rng = new Philox4x64(new long[] {seed, stream, 0, 0, b, 0});
            Philox4x64 noise = new Philox4x64(new long[] {seed, stream, 0, 0, b, 1});
            int s1 = 0;
            int s2 = 0;
            for (int t = 0; t < game.horizon(); t++) {
                ActionLogits.probabilities(theta1, layout1.offset(s1), n, pi1, 0);
                ActionLogits.probabilities(theta2, layout2.offset(s2), m, pi2, 0);
                int a1 = smallestActionAbove(pi1, rng.nextDouble());
                int a2 = smallestActionAbove(pi2, rng.nextDouble());
                int e1 = a1;
                int e2 = a2;
                if (game.isNoisy()) {
                    e1 = trembled(a1, n, noise.nextDouble(), e);
                    e2 = trembled(a2, m, noise.nextDouble(), e);
                    assertEquals(s1 * n * m + a1 * m + a2, batch.intendedCell()[batch.index(b, t)], "intended cell of " + b + ", " + t);
                }
                int i = batch.index(b, t);
                assertEquals(e1, batch.action(0)[i], "action1 of trajectory " + b + " step " + t);
                assertEquals(e2, batch.action(1)[i], "action2 of trajectory " + b + " step " + t);
                assertEquals(ActionLogits.logProbability(theta1, layout1.offset(s1), n, a1), batch.logProb(0)[i],
                        "logProb1 of trajectory " + b + " step " + t);
                assertEquals(stage.payoff(0, e1, e2), batch.reward(0)[i], "reward1 of " + b + ", " + t);
                s1 = layout1.stateAfter(e1, e2);
                s2 = layout2.stateAfter(e1, e2);
            }
        }
    }

    /** The documented tremble: a below epsilon's uniform u moves to the floor((u / e) (k - 1))-th other action. */
    private static int trembled(int a, int k, double u, double e) {
        if (u >= e) {
            return a;
        }
        int r = Math.min(k - 2, (int) Math.floor(u / e * (k - 1)));
        return r < a ? r : r + 1;
    }

    private static int smallestActionAbove(double[] pi, double u) {
        double cumulative = 0;
        for (int a = 0; a < pi.length; a++) {
            cumulative += pi[a];
            if (u < cumulative) {
                return a;
            }
        }
        // Only reachable when rounding leaves the total below 1 and u falls in the gap: the last possible action.
        int last = pi.length - 1;
        while (pi[last] == 0) {
            last--;
        }
        return last;
    }
}
