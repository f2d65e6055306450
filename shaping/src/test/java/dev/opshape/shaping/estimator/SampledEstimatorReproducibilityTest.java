package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Reproducibility of {@link SampledEstimator}: a result is a function of the configuration and the sequence of
 * (point, seed, stream) it was given, bit for bit; another stream or seed gives another batch and other numbers; the
 * queries do not change the estimator's state or their direction argument. (That the exact baseline leaves the
 * expectation unchanged is shown by {@link SampledEstimatorUnbiasednessTest}.)
 */
class SampledEstimatorReproducibilityTest {

    /** Every game, baseline, surrogate, with and without a buffer (which wraps within the sequence). */
    static Stream<Arguments> configurations() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            for (BaselineKind baseline : BaselineKind.values()) {
                for (Surrogate surrogate : Surrogates.all()) {
                    for (int buffer : surrogate.hasOffPolicyForm() ? new int[] {0, 10} : new int[] {0}) {
                        cases.add(Arguments.of(name, baseline, surrogate, buffer));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** Every game and baseline, with and without a buffer (the surrogate is the subject of the test). */
    static Stream<Arguments> baselinesAndBuffers() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps", "asym-2x3")) {
            for (BaselineKind baseline : BaselineKind.values()) {
                for (int buffer : new int[] {0, 10}) {
                    cases.add(Arguments.of(name, baseline, buffer));
                }
            }
        }
        return cases.stream();
    }

    /**
     * LVC's gradient is DiCE's (same first-order terms): two estimators that differ only in the surrogate, fed the
     * same points, seeds and streams, draw the same batches and must give the same gradients and values, bit for
     * bit (the surrogate only enters the Hessian-vector products), while their Hessian-vector products differ.
     * BatchSurrogateReferenceTest checks the same equality on the two literal objectives to round-off.
     */
    @ParameterizedTest(name = "{0} baseline={1} buffer={2}")
    @MethodSource("baselinesAndBuffers")
    void diceAndLvcEstimatorsGiveBitwiseEqualGradientsOnTheSameBatches(String name, BaselineKind baseline,
                                                                       int buffer) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.95, 12);
        GradientEstimator dice = new SampledEstimatorSpec(Surrogates.dice(), 4, 12, baseline, buffer,
                Double.POSITIVE_INFINITY).create(game);
        GradientEstimator lvc = new SampledEstimatorSpec(Surrogates.lvc(), 4, 12, baseline, buffer,
                Double.POSITIVE_INFINITY).create(game);
        SplittableRandom random = new SplittableRandom(31 + baseline.ordinal());
        int d = game.jointDimension();
        double[] a = new double[d];
        double[] b = new double[d];
        double[] v = EstimatorFixtures.gaussian(random, d, 1.0);
        for (int call = 0; call < 5; call++) {
            double[] theta1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
            double[] theta2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
            dice.setPoint(Vectors.concat(theta1, theta2), 17, call);
            lvc.setPoint(Vectors.concat(theta1, theta2), 17, call);
            for (int agent = 0; agent < 2; agent++) {
                dice.gradient(agent, a);
                lvc.gradient(agent, b);
                assertArrayEquals(a, b, "call " + call + " agent " + agent + " gradient");
                assertEquals(dice.value(agent), lvc.value(agent), 0.0, "value");
                dice.hessianVectorProduct(agent, v, a);
                lvc.hessianVectorProduct(agent, v, b);
                assertFalse(Arrays.equals(a, b), "DiCE and LVC Hessian-vector products coincide");
            }
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

    @ParameterizedTest(name = "{0} baseline={1} {2} buffer={3}")
    @MethodSource("configurations")
    void sameSequenceOfPointsSeedsAndStreamsGivesIdenticalBits(String name, BaselineKind baseline,
                                                              Surrogate surrogate, int buffer) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.95, 12);
        SampledEstimatorSpec spec = new SampledEstimatorSpec(surrogate, 4, 12, baseline, buffer,
                Double.POSITIVE_INFINITY);
        GradientEstimator first = spec.create(game);
        GradientEstimator second = spec.create(game);
        SplittableRandom random = new SplittableRandom(name.hashCode() * 31L + baseline.ordinal());
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        for (int call = 0; call < 6; call++) {
            double[] theta1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
            double[] theta2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
            long seed = random.nextLong();
            long stream = random.nextInt(100);
            first.setPoint(Vectors.concat(theta1, theta2), seed, stream);
            second.setPoint(Vectors.concat(theta1, theta2), seed, stream);
            // assertArrayEquals on doubles without a delta compares bits (NaN-safe, -0.0 != 0.0).
            assertArrayEquals(results(first, v), results(second, v), "call " + call);
        }
    }

    @ParameterizedTest(name = "{0} baseline={1} {2} buffer={3}")
    @MethodSource("configurations")
    void anotherStreamOrSeedGivesAnotherEstimate(String name, BaselineKind baseline, Surrogate surrogate,
                                                 int buffer) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.95, 12);
        SampledEstimatorSpec spec = new SampledEstimatorSpec(surrogate, 4, 12, baseline, buffer,
                Double.POSITIVE_INFINITY);
        SplittableRandom random = new SplittableRandom(77);
        double[] theta1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
        double[] theta2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        GradientEstimator reference = spec.create(game);
        reference.setPoint(Vectors.concat(theta1, theta2), 11, 5);
        double[] base = results(reference, v);
        GradientEstimator otherStream = spec.create(game);
        otherStream.setPoint(Vectors.concat(theta1, theta2), 11, 6);
        GradientEstimator otherSeed = spec.create(game);
        otherSeed.setPoint(Vectors.concat(theta1, theta2), 12, 5);
        // 4 trajectories of 12 moves from mixed policies: the chance that two independent batches coincide in
        // every action is negligible, and different batches give different gradients.
        assertFalse(Arrays.equals(base, results(otherStream, v)), "stream 6 repeated stream 5");
        assertFalse(Arrays.equals(base, results(otherSeed, v)), "seed 12 repeated seed 11");
    }

    /**
     * Without a buffer and without a learned table an estimator carries nothing from one setPoint to the next, so
     * revisiting (point, seed, stream) after other calls repeats the first result; and in every configuration the
     * queries are pure: asking again, in another order, gives the same bits, and the direction v is left unchanged.
     */
    @ParameterizedTest(name = "{0} baseline={1} {2} buffer={3}")
    @MethodSource("configurations")
    void queriesArePureAndStatelessEstimatorsForgetEarlierPoints(String name, BaselineKind baseline,
                                                                Surrogate surrogate, int buffer) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), 0.95, 12);
        GradientEstimator estimator = new SampledEstimatorSpec(surrogate, 4, 12, baseline, buffer,
                Double.POSITIVE_INFINITY).create(game);
        SplittableRandom random = new SplittableRandom(99);
        double[] theta1 = EstimatorFixtures.gaussian(random, game.dimension(0), 1.0);
        double[] theta2 = EstimatorFixtures.gaussian(random, game.dimension(1), 1.0);
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        double[] vCopy = v.clone();
        estimator.setPoint(Vectors.concat(theta1, theta2), 3, 4);
        double[] once = results(estimator, v);
        int d = game.jointDimension();
        double[] scratch = new double[d];
        estimator.hessianVectorProduct(1, v, scratch);
        estimator.gradient(1, scratch);
        estimator.hessianVectorProduct(0, EstimatorFixtures.gaussian(random, d, 1.0), scratch);
        assertArrayEquals(once, results(estimator, v), "queries repeated in another order");
        assertArrayEquals(vCopy, v, "the direction v was modified");
        if (buffer == 0 && baseline != BaselineKind.LEARNED) {
            estimator.setPoint(Vectors.concat(EstimatorFixtures.gaussian(random, game.dimension(0), 1.0), EstimatorFixtures.gaussian(random, game.dimension(1), 1.0)), 8, 9);
            estimator.setPoint(Vectors.concat(theta1, theta2), 3, 4);
            assertArrayEquals(once, results(estimator, v), "same point, seed and stream after another call");
        }
    }
}
