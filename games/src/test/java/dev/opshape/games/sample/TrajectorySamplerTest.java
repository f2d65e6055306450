package dev.opshape.games.sample;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.sample.ParallelTrajectorySampler;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.AllocationCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a sampled step holds, deterministic policies, allocation, and rejected inputs. */
class TrajectorySamplerTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Generated cases: game, random point (some logits infinite or very large), seed. */
    static Stream<Arguments> points() {
        SplittableRandom random = new SplittableRandom(4242);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            for (int c = 0; c < 4; c++) {
                IteratedGame game = IteratedGame.finite(SamplingFixtures.game(name), 0.96, 30);
                double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 2.0);
                double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 2.0);
                if (c >= 2) {
                    theta1[random.nextInt(theta1.length)] = random.nextBoolean() ? INF : -INF;
                    theta2[random.nextInt(theta2.length)] = random.nextBoolean() ? 800 : -800;
                }
                cases.add(Arguments.of(name, game, theta1, theta2, random.nextLong()));
            }
        }
        return cases.stream();
    }

    /**
     * Every stored step is consistent: t = 0 at the start state, each later state is the own-view state of the
     * previous joint action, rewards are the payoffs, actions have positive probability, and the log-probabilities
     * are exactly ActionLogits.logProbability of the stored state and action.
     */
    @ParameterizedTest(name = "{0} case {index}")
    @MethodSource("points")
    void storedStepsAreConsistentWithGameAndPolicies(String name, IteratedGame game, double[] theta1,
                                                     double[] theta2, long seed) {
        int capacity = 200;
        int steps = game.horizon();
        TrajectoryBatch batch = TrajectoryBatch.full(2, capacity, steps, false);
        new TrajectorySampler(game).sample(theta1, theta2, seed, 3, batch);
        MatrixGame stage = game.game();
        PolicyLayout layout1 = game.policyLayout(0);
        PolicyLayout layout2 = game.policyLayout(1);
        int n = stage.rows();
        int m = stage.columns();
        double[] pi1 = new double[n];
        double[] pi2 = new double[m];
        for (int b = 0; b < capacity; b++) {
            for (int t = 0; t < steps; t++) {
                int i = batch.index(b, t);
                int s1 = batch.observation(0)[i];
                int s2 = batch.observation(1)[i];
                int a1 = batch.action(0)[i];
                int a2 = batch.action(1)[i];
                if (t == 0) {
                    assertEquals(0, s1, "start state of agent 1");
                    assertEquals(0, s2, "start state of agent 2");
                } else {
                    int prev1 = batch.action(0)[i - 1];
                    int prev2 = batch.action(1)[i - 1];
                    assertEquals(layout1.stateAfter(prev1, prev2), s1, "agent 1's own-view state");
                    assertEquals(layout2.stateAfter(prev1, prev2), s2, "agent 2's own-view state");
                }
                assertEquals(stage.payoff(0, a1, a2), batch.reward(0)[i], 0.0);
                assertEquals(stage.payoff(1, a1, a2), batch.reward(1)[i], 0.0);
                ActionLogits.probabilities(theta1, layout1.offset(s1), n, pi1, 0);
                ActionLogits.probabilities(theta2, layout2.offset(s2), m, pi2, 0);
                assertTrue(pi1[a1] > 0, "agent 1 drew an impossible action");
                assertTrue(pi2[a2] > 0, "agent 2 drew an impossible action");
                // Same computation, so the bits must agree (assertEquals without delta compares bits).
                assertEquals(ActionLogits.logProbability(theta1, layout1.offset(s1), n, a1), batch.logProb(0)[i]);
                assertEquals(ActionLogits.logProbability(theta2, layout2.offset(s2), m, a2), batch.logProb(1)[i]);
            }
        }
    }

    /**
     * Always-defect against tit-for-tat in the IPD: every trajectory is (D, C) then (D, D) forever, every
     * log-probability is 0, and the return is the exact value 0 + sum_{1 &lt;= t &lt; T} gamma^t (-2) for agent 1.
     */
    @Test
    void deterministicPoliciesGiveTheirOnlyTrajectory() {
        int steps = 12;
        double gamma = 0.96;
        IteratedGame game = IteratedGame.finite(BuiltInGames.IPD, gamma, steps);
        double[] alwaysDefect = {-INF, -INF, -INF, -INF, -INF};
        // [start, CC, CD, DC, DD] with p(C) = sigmoid(logit): cooperate first, then copy the other's last move.
        double[] titForTat = {INF, INF, -INF, INF, -INF};
        TrajectoryBatch batch = TrajectoryBatch.full(2, 50, steps, false);
        new TrajectorySampler(game).sample(alwaysDefect, titForTat, 1, 2, batch);
        double expected1 = 0;
        double expected2 = -3;
        double weight = 1;
        for (int t = 1; t < steps; t++) {
            weight *= gamma;
            expected1 += -2 * weight;
            expected2 += -2 * weight;
        }
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(alwaysDefect, titForTat);
        assertEquals(expected1, exact.value(0), 1e-12, "closed form vs exact evaluator");
        for (int b = 0; b < batch.capacity(); b++) {
            for (int t = 0; t < steps; t++) {
                int i = batch.index(b, t);
                assertEquals(1, batch.action(0)[i], "agent 1 always defects");
                assertEquals(t == 0 ? 0 : 1, batch.action(1)[i], "tit-for-tat cooperates first, then defects");
                assertEquals(0.0, batch.logProb(0)[i], 0.0, "log-probability of a certain action");
                assertEquals(0.0, batch.logProb(1)[i], 0.0, "log-probability of a certain action");
            }
            assertEquals(expected1, batch.discountedReturn(0, b, gamma), 1e-12);
            assertEquals(expected2, batch.discountedReturn(1, b, gamma), 1e-12);
        }
    }

    /**
     * Softmax with ties at +infinity and with -infinity entries: impossible actions are never drawn, the tied ones
     * are equally likely (4 binomial SE), and their log-probability is exactly -log 2.
     */
    @Test
    void softmaxWithInfiniteLogitsDrawsOnlyPossibleActions() {
        int steps = 20;
        int capacity = 2_000;
        IteratedGame game = IteratedGame.finite(BuiltInGames.RPS, 0.9, steps);
        int states = game.policyLayout(0).numStates();
        double[] theta1 = new double[3 * states];
        double[] theta2 = new double[3 * states];
        for (int s = 0; s < states; s++) {
            theta1[3 * s] = INF;
            theta1[3 * s + 1] = INF;
            theta1[3 * s + 2] = -INF;
            theta2[3 * s] = 0.3;
            theta2[3 * s + 1] = -INF;
            theta2[3 * s + 2] = -0.2;
        }
        TrajectoryBatch batch = TrajectoryBatch.full(2, capacity, steps, false);
        new TrajectorySampler(game).sample(theta1, theta2, 77, 0, batch);
        long rock = 0;
        for (int i = 0; i < capacity * steps; i++) {
            assertTrue(batch.action(0)[i] != 2, "agent 1 drew its -infinity action");
            assertTrue(batch.action(1)[i] != 1, "agent 2 drew its -infinity action");
            assertEquals(-Math.log(2), batch.logProb(0)[i], 0.0);
            rock += batch.action(0)[i] == 0 ? 1 : 0;
        }
        // Draws are independent across steps for agent 1 (its policy is the same in every state): Binomial(N, 1/2).
        double total = capacity * steps;
        double standardError = Math.sqrt(0.25 / total);
        assertTrue(Math.abs(rock / total - 0.5) <= 4 * standardError, "frequency of rock " + rock / total);
    }

    /** Warm up, then sampling a batch must allocate nothing: the workspace and the stream live in the sampler. */
    @ParameterizedTest
    @ValueSource(strings = {"ipd", "rps", "asym-2x3"})
    void samplingAllocatesNothingAfterWarmUp(String name) {
        IteratedGame game = IteratedGame.finite(SamplingFixtures.game(name), 0.96, 150);
        SplittableRandom random = new SplittableRandom(1);
        double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 1.0);
        double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 1.0);
        TrajectorySampler sampler = new TrajectorySampler(game);
        TrajectoryBatch batch = TrajectoryBatch.full(2, 64, 150, false);
        for (int warm = 0; warm < 200; warm++) {
            sampler.sample(theta1, theta2, 5, warm, batch);
            sampler.sample(theta1, theta2, 5, warm, batch, 3, 40);
        }
        long allocated = AllocationCounter.fewestBytes(attempt -> {
            for (int call = 0; call < 10; call++) {
                sampler.sample(theta1, theta2, 6, 10 * attempt + call, batch);
                sampler.sample(theta1, theta2, 6, 10 * attempt + call, batch, 3, 40);
            }
        });
        assertEquals(0, allocated, "bytes allocated by 20 sampling calls after warm-up");
    }

    @Test
    void infiniteHorizonGameAcceptsAnyTrajectoryLength() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        TrajectorySampler sampler = new TrajectorySampler(game);
        double[] theta = new double[5];
        for (int steps : new int[] {1, 7, 150}) {
            TrajectoryBatch batch = TrajectoryBatch.full(2, 3, steps, false);
            sampler.sample(theta, theta, 0, 0, batch);
            assertEquals(0, batch.observation(0)[batch.index(2, 0)]);
        }
    }

    @Test
    void rangeOutsideTheCallIsUntouched() {
        IteratedGame game = IteratedGame.finite(BuiltInGames.IPD, 0.96, 5);
        TrajectoryBatch batch = TrajectoryBatch.full(2, 6, 5, false);
        Arrays.fill(batch.reward(0), 99.0);
        new TrajectorySampler(game).sample(new double[5], new double[5], 0, 0, batch, 2, 4);
        for (int i = 0; i < 30; i++) {
            boolean inside = i >= 10 && i < 20;
            assertEquals(inside, batch.reward(0)[i] != 99.0, "index " + i);
        }
    }

    // ---- rejected inputs -------------------------------------------------------------------------------------

    private static final IteratedGame IPD_10 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 10);

    private static String rejection(Class<? extends IllegalArgumentException> type, Runnable call) {
        return assertThrows(type, call::run).getMessage();
    }

    @Test
    void rejectsLogitVectorsOfTheWrongLengthOrWithNaN() {
        TrajectorySampler sampler = new TrajectorySampler(IPD_10);
        TrajectoryBatch batch = TrajectoryBatch.full(2, 4, 10, false);
        double[] ok = new double[5];
        String message = rejection(InvalidModelException.class,
                () -> sampler.sample(new double[4], ok, 0, 0, batch));
        assertTrue(message.contains("theta1 has 4 logits") && message.contains("needs 5"), message);
        message = rejection(InvalidModelException.class, () -> sampler.sample(ok, null, 0, 0, batch));
        assertTrue(message.contains("theta2 has no logits"), message);
        double[] withNaN = {0, 1, 2, Double.NaN, 4};
        message = rejection(InvalidModelException.class, () -> sampler.sample(ok, withNaN, 0, 0, batch));
        assertTrue(message.contains("theta2[3] is NaN"), message);
        message = rejection(InvalidModelException.class, () -> sampler.sample(withNaN, ok, 0, 0, batch));
        assertTrue(message.contains("theta1[3] is NaN"), message);
    }

    @Test
    void rejectsMissingBatchWrongLengthAndBadRanges() {
        TrajectorySampler sampler = new TrajectorySampler(IPD_10);
        double[] ok = new double[5];
        String message = rejection(IllegalArgumentException.class, () -> sampler.sample(ok, ok, 0, 0, null));
        assertTrue(message.contains("batch is null"), message);
        TrajectoryBatch wrongLength = TrajectoryBatch.full(2, 4, 7, false);
        message = rejection(IllegalArgumentException.class, () -> sampler.sample(ok, ok, 0, 0, wrongLength));
        assertTrue(message.contains("T = 7") && message.contains("horizon is 10"), message);
        TrajectoryBatch batch = TrajectoryBatch.full(2, 4, 10, false);
        for (int[] range : new int[][] {{-1, 2}, {3, 2}, {0, 5}, {5, 5}}) {
            message = rejection(IllegalArgumentException.class,
                    () -> sampler.sample(ok, ok, 0, 0, batch, range[0], range[1]));
            assertTrue(message.contains("[" + range[0] + ", " + range[1] + ")") && message.contains("[0, 4)"),
                    message);
        }
        sampler.sample(ok, ok, 0, 0, batch, 4, 4); // an empty range at the end is valid
    }

    @Test
    void rejectsMissingGameAndBadParallelConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new TrajectorySampler(null));
        String message = rejection(IllegalArgumentException.class,
                () -> new ParallelTrajectorySampler(IPD_10, null, 2));
        assertTrue(message.contains("executor is null"), message);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            message = rejection(IllegalArgumentException.class,
                    () -> new ParallelTrajectorySampler(IPD_10, executor, 0));
            assertTrue(message.contains("workers = 0"), message);
            ParallelTrajectorySampler parallel = new ParallelTrajectorySampler(IPD_10, executor, 3);
            double[] withNaN = {0, Double.NaN, 0, 0, 0};
            message = rejection(InvalidModelException.class,
                    () -> parallel.sample(IPD_10.layout().join(withNaN, new double[5]), 0, 0,
                            TrajectoryBatch.full(2, 9, 10, false)));
            assertTrue(message.contains("theta1[1] is NaN"), message);
        } finally {
            executor.shutdownNow();
        }
    }
}
