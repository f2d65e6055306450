package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.opshape.shaping.estimator.BatchSurrogateReferenceTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SampledEstimator#revisit}: after a setPoint at A, revisiting B re-weights the held trajectories by pi_B /
 * mu_A. Without a replay buffer the estimator keeps no per-step log-probabilities (its batch stores outcomes only)
 * and takes mu from A's tables; with a buffer it reads the stored ones. Either way the estimates must equal the
 * literal off-policy objective ({@link MagicBoxReference}) on the same trajectories, rebuilt as a full batch with
 * their stored log-probabilities, to the 1e-10 relative tolerance derived in {@link BatchSurrogateReferenceTest};
 * and revisiting A itself must give the on-policy estimates bit for bit (every ratio is exp(0) = 1). Baselines NONE,
 * MEAN and EXACT (LEARNED reads a table fitted after the batch, see {@link SampledEstimatorReplayReferenceTest}).
 */
class SampledEstimatorRevisitTest {

    private static final double RELATIVE = 1e-10;

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0003L);
        List<Arguments> cases = new ArrayList<>();
        for (String game : List.of("ipd", "rps", "asym-2x3")) {
            for (BaselineKind baseline : List.of(BaselineKind.NONE, BaselineKind.MEAN, BaselineKind.EXACT)) {
                for (int buffer : new int[] {0, 7}) {
                    for (double clip : new double[] {Double.POSITIVE_INFINITY, 1.3}) {
                        cases.add(Arguments.of(game, baseline, buffer, clip, 3 + random.nextInt(8),
                                random.nextLong()));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} baseline={1} buffer={2} clip={3} T={4}")
    @MethodSource("cases")
    void revisitWeightsTheHeldTrajectoriesByTheRatioToTheSamplingPoint(String name, BaselineKind baseline,
                                                                      int buffer, double clip, int steps,
                                                                      long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.9, steps);
        int batch = 5;
        int d = game.jointDimension();
        double[] a1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
        double[] a2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
        double[] b1 = EstimatorFixtures.perturbed(random, a1, 0.4);
        double[] b2 = EstimatorFixtures.perturbed(random, a2, 0.4);
        double[] v = EstimatorFixtures.gaussian(random, d, 1.0);
        long drawSeed = random.nextLong();
        long stream = random.nextInt(1000);
        for (Surrogate surrogate : Surrogates.all()) {
            if (!surrogate.hasOffPolicyForm()) {
                continue;   // revisiting re-weights the batch, which such a surrogate does not define
            }
            GradientEstimator estimator = new SampledEstimatorSpec(surrogate, batch, steps, baseline, buffer, clip)
                    .create(game);
            estimator.setPoint(Vectors.concat(a1, a2), drawSeed, stream);
            double[] onPolicy = results(estimator, v);

            TrajectoryBatch rebuilt = TrajectoryBatch.full(2, batch, steps, false);
            new TrajectorySampler(game).sample(a1, a2, drawSeed, stream, rebuilt);
            ExactEvaluator exact = game.newEvaluator();
            exact.setPoint(b1, b2);
            StateBaseline values = exact::stateValue;

            estimator.revisit(Vectors.concat(b1, b2));
            double[] out = new double[d];
            for (int agent = 0; agent < 2; agent++) {
                String where = surrogate + " agent " + agent + " ";
                MagicBoxReference.Result ref = MagicBoxReference.evaluate(game, rebuilt, batch, b1, b2, agent,
                        surrogate, baseline, values, true, clip);
                MagicBoxReference.Result dice = MagicBoxReference.evaluate(game, rebuilt, batch, b1, b2, agent,
                        Surrogates.dice(), baseline, values, true, clip);
                assertEquals(ref.weightedReturn(), estimator.value(agent), RELATIVE * dice.returnMagnitude(),
                        where + "value");
                estimator.gradient(agent, out);
                assertClose(ref.gradient(), out, RELATIVE * dice.gradientMagnitude(), where + "gradient");
                estimator.hessianVectorProduct(agent, v, out);
                assertClose(ref.hessianTimes(v), out,
                        RELATIVE * dice.curvatureMagnitude() * EstimatorFixtures.maxAbs(v), where + "Hessian times v");
            }

            estimator.revisit(Vectors.concat(a1, a2));
            assertArrayEquals(onPolicy, results(estimator, v), surrogate + ": revisiting the sampling point");
        }
    }

    /** Value, gradient and Hessian-vector product of both agents, concatenated. */
    private static double[] results(GradientEstimator estimator, double[] v) {
        int d = estimator.dimension();
        double[] all = new double[2 + 4 * d];
        double[] out = new double[d];
        for (int agent = 0; agent < 2; agent++) {
            all[agent] = estimator.value(agent);
            estimator.gradient(agent, out);
            System.arraycopy(out, 0, all, 2 + (2 * agent) * d, d);
            estimator.hessianVectorProduct(agent, v, out);
            System.arraycopy(out, 0, all, 2 + (2 * agent + 1) * d, d);
        }
        return all;
    }
}
