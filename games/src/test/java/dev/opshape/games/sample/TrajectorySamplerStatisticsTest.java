package dev.opshape.games.sample;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ActionLogits;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sampler draws from the policies it is given: Monte Carlo returns agree with the exact finite-horizon values of
 * {@link ExactEvaluator}, and action frequencies agree with the policies, each within 4 standard errors.
 *
 * <p>Tolerances: 4 standard errors estimated from the same sample (a two-sided normal tail of 6e-5 per comparison;
 * the seeds are fixed, so a run is deterministic). The standard errors are printed in the failure messages.
 */
class TrajectorySamplerStatisticsTest {

    private static final double Z = 4.0;
    private static final double GAMMA = 0.9;
    private static final int STEPS = 25;
    private static final int BATCH = 20_000;

    /** Three random interior points per game (logit scale 1.0), each with its own seed. */
    static Stream<Arguments> points() {
        SplittableRandom random = new SplittableRandom(8675309);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            IteratedGame game = IteratedGame.finite(SamplingFixtures.game(name), GAMMA, STEPS);
            for (int p = 0; p < 3; p++) {
                double[] theta1 = SamplingFixtures.randomLogits(random, game.dimension(0), 1.0);
                double[] theta2 = SamplingFixtures.randomLogits(random, game.dimension(1), 1.0);
                cases.add(Arguments.of(name, p, game, theta1, theta2, random.nextLong()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} point {1}")
    @MethodSource("points")
    void meanDiscountedReturnMatchesExactFiniteHorizonValue(String name, int point, IteratedGame game,
                                                           double[] theta1, double[] theta2, long seed) {
        TrajectoryBatch batch = TrajectoryBatch.full(2, BATCH, STEPS, false);
        new TrajectorySampler(game).sample(theta1, theta2, seed, 0, batch);
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(theta1, theta2);
        for (int agent = 0; agent < 2; agent++) {
            double sum = 0;
            double sumSquares = 0;
            for (int b = 0; b < BATCH; b++) {
                double g = batch.discountedReturn(agent, b, GAMMA);
                sum += g;
                sumSquares += g * g;
            }
            double mean = sum / BATCH;
            double variance = (sumSquares - BATCH * mean * mean) / (BATCH - 1);
            double standardError = Math.sqrt(variance / BATCH);
            double expected = exact.value(agent);
            assertTrue(standardError > 0, "a random interior point must give noisy returns");
            assertTrue(Math.abs(mean - expected) <= Z * standardError, String.format(
                    "%s point %d agent %d: Monte Carlo mean %.6f vs exact V^T %.6f, difference %.2f SE (SE %.2e)",
                    name, point, agent + 1, mean, expected, (mean - expected) / standardError, standardError));
        }
    }

    @ParameterizedTest(name = "{0} point {1}")
    @MethodSource("points")
    void firstMoveFrequenciesMatchTheStartStatePolicy(String name, int point, IteratedGame game, double[] theta1,
                                                     double[] theta2, long seed) {
        TrajectoryBatch batch = TrajectoryBatch.full(2, BATCH, STEPS, false);
        new TrajectorySampler(game).sample(theta1, theta2, seed, 1, batch);
        MatrixGame stage = game.game();
        for (int agent = 0; agent < 2; agent++) {
            int k = stage.numActions(agent);
            double[] theta = agent == 0 ? theta1 : theta2;
            double[] pi = new double[k];
            ActionLogits.probabilities(theta, 0, k, pi, 0);
            long[] counts = new long[k];
            int[] actions = batch.action(agent);
            int[] states = batch.observation(agent);
            for (int b = 0; b < BATCH; b++) {
                int i = batch.index(b, 0);
                assertTrue(states[i] == 0, "t = 0 is played from the start state");
                counts[actions[i]]++;
            }
            for (int a = 0; a < k; a++) {
                // Binomial(B, pi_a): SE of the frequency sqrt(pi_a (1 - pi_a) / B).
                double frequency = (double) counts[a] / BATCH;
                double standardError = Math.sqrt(pi[a] * (1 - pi[a]) / BATCH);
                assertTrue(Math.abs(frequency - pi[a]) <= Z * standardError, String.format(
                        "%s point %d agent %d action %d at start: frequency %.5f vs policy %.5f (SE %.2e)",
                        name, point, agent + 1, a, frequency, pi[a], standardError));
            }
        }
    }

    /**
     * Every state, every step: among the N_s visits of state s, the count X_a of action a satisfies
     * E[X_a - pi_a N_s] = 0 and Var = pi_a (1 - pi_a) E[N_s] (each draw given the past is an independent
     * Bernoulli(pi_a), so X_a - pi_a N_s is a martingale), so the z-score uses sqrt(pi_a (1 - pi_a) N_s).
     */
    @ParameterizedTest(name = "{0} point {1}")
    @MethodSource("points")
    void actionFrequenciesInEveryVisitedStateMatchThePolicy(String name, int point, IteratedGame game,
                                                           double[] theta1, double[] theta2, long seed) {
        int batchSize = 4_000;
        TrajectoryBatch batch = TrajectoryBatch.full(2, batchSize, STEPS, false);
        new TrajectorySampler(game).sample(theta1, theta2, seed, 2, batch);
        MatrixGame stage = game.game();
        for (int agent = 0; agent < 2; agent++) {
            PolicyLayout layout = game.policyLayout(agent);
            int k = layout.numActions();
            double[] theta = agent == 0 ? theta1 : theta2;
            long[][] counts = new long[layout.numStates()][k];
            int[] actions = batch.action(agent);
            int[] states = batch.observation(agent);
            for (int i = 0; i < batchSize * STEPS; i++) {
                counts[states[i]][actions[i]]++;
            }
            double[] pi = new double[k];
            for (int s = 0; s < layout.numStates(); s++) {
                long visits = 0;
                for (int a = 0; a < k; a++) {
                    visits += counts[s][a];
                }
                if (visits < 100) {
                    continue;
                }
                ActionLogits.probabilities(theta, layout.offset(s), k, pi, 0);
                for (int a = 0; a < k; a++) {
                    double deviation = counts[s][a] - pi[a] * visits;
                    double standardError = Math.sqrt(pi[a] * (1 - pi[a]) * visits);
                    assertTrue(Math.abs(deviation) <= Z * standardError, String.format(
                            "%s point %d agent %d state %s action %s: %d of %d visits, policy %.5f (z = %.2f)",
                            name, point, agent + 1, layout.stateLabel(s), stage.actions(agent).get(a),
                            counts[s][a], visits, pi[a], deviation / standardError));
                }
            }
        }
    }
}
