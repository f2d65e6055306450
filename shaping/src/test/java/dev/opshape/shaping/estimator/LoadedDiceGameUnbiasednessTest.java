package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loaded DiCE on the two-player games, the setting of LOLA: at lambda = 1 the gradient, the Hessian-vector product and
 * the mixed product (v = (0, w)) of both agents' T-move values are unbiased (every component within the family-wise
 * band of {@link Replicates}, as in {@link SampledEstimatorUnbiasednessTest}, 1500 batches of 32); at lambda = 0.5
 * the Hessian products on the same batches miss the exact ones by more than 6 SE in the IPD (the negative control:
 * distant causal dependencies are discounted), with a smaller total variance of the Hessian blocks than at lambda = 1
 * (the trade it makes). Baselines none and exact.
 */
class LoadedDiceGameUnbiasednessTest {

    private static final int HORIZON = SampledEstimatorUnbiasednessTest.HORIZON;
    private static final double GAMMA = SampledEstimatorUnbiasednessTest.GAMMA;
    private static final int BATCH = 32;
    private static final int REPLICATES = 1500;

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x10AD_ED01L);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps")) {
            for (BaselineKind baseline : List.of(BaselineKind.NONE, BaselineKind.EXACT)) {
                IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
                cases.add(Arguments.of(name, baseline,
                        EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0),
                        EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0),
                        EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                        random.nextLong()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} baseline={1}")
    @MethodSource("cases")
    void unbiasedAtLambdaOneBiasedBelow(String name, BaselineKind baseline, double[] theta, double[] v, double[] w,
                                        long seed) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
        double[] mixed = EstimatorFixtures.opponentDirection(game.dimension(0), w);
        int d = game.jointDimension();
        ExactGradients exact = new ExactGradients(game);
        exact.setPoint(theta, 0, 0);
        double[] reference = SampledEstimatorUnbiasednessTest.queries(exact, v, mixed);

        GradientEstimator full = new SampledEstimatorSpec(Surrogates.loaded(1.0), BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY).create(game);
        GradientEstimator half = new SampledEstimatorSpec(Surrogates.loaded(0.5), BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY).create(game);
        Replicates fullStats = new Replicates(6 * d);
        Replicates halfStats = new Replicates(6 * d);
        for (int r = 0; r < REPLICATES; r++) {
            full.setPoint(theta, seed, r);
            half.setPoint(theta, seed, r);
            fullStats.add(SampledEstimatorUnbiasednessTest.queries(full, v, mixed));
            halfStats.add(SampledEstimatorUnbiasednessTest.queries(half, v, mixed));
        }
        double threshold = Replicates.threshold(6 * d, REPLICATES, SampledEstimatorUnbiasednessTest.FAMILY_RATE);
        double[] z = fullStats.zScores(reference);
        int worst = Replicates.argMaxAbs(z);
        double[] halfZ = SampledEstimatorUnbiasednessTest.hessianBlocks(halfStats.zScores(reference), null, d, false);
        double halfWorst = Math.abs(halfZ[Replicates.argMaxAbs(halfZ)]);
        double fullVariance = hessianVariance(fullStats, d);
        double halfVariance = hessianVariance(halfStats, d);
        System.out.printf(Locale.ROOT, "loaded %s %s: lambda 1 max |z| %.2f at %s (threshold %.2f); lambda 0.5 "
                        + "Hessian max |z| %.1f, Hessian variance %.4g vs %.4g at lambda 1%n", name, baseline,
                Math.abs(z[worst]), SampledEstimatorUnbiasednessTest.label(worst, d), threshold, halfWorst,
                halfVariance, fullVariance);
        assertTrue(Math.abs(z[worst]) <= threshold, "Loaded DiCE (lambda 1) " + name + " " + baseline + ": "
                + SampledEstimatorUnbiasednessTest.label(worst, d) + " z = " + z[worst]);
        assertTrue(halfVariance < fullVariance, "lambda 0.5 should lower the Hessian variance");
        if (name.equals("ipd")) {
            assertTrue(halfWorst > 6, "Loaded DiCE (lambda 0.5) should be detectably biased in the IPD: " + halfWorst);
        }
    }

    /** Sum over the Hessian-product components of the per-estimate variance (SE^2 times R). */
    private static double hessianVariance(Replicates stats, int d) {
        double[] se = SampledEstimatorUnbiasednessTest.hessianBlocks(stats.standardError(), null, d, false);
        double sum = 0;
        for (double s : se) {
            sum += s * s * REPLICATES;
        }
        return sum;
    }
}
