package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.policy.ParameterLayout;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.opshape.shaping.estimator.SampledEstimatorUnbiasednessTest.GAMMA;
import static dev.opshape.shaping.estimator.SampledEstimatorUnbiasednessTest.HORIZON;
import static dev.opshape.shaping.estimator.SampledEstimatorUnbiasednessTest.label;
import static dev.opshape.shaping.estimator.SampledEstimatorUnbiasednessTest.queries;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Off-policy unbiasedness: with a replay buffer holding trajectories drawn at other points (behaviour policies), the
 * importance-weighted DiCE gradient, Hessian-vector product and mixed product at the current point are unbiased for
 * the exact T-move derivatives there.
 *
 * <h2>Independent replicates</h2>
 * Consecutive estimates of one buffered estimator share most of their trajectories, so they are strongly correlated
 * and their spread says nothing about the standard error of their mean. Each replicate therefore uses a fresh
 * estimator, filled the same way (three batches at the three behaviour points, then the estimate's batch at the
 * current point) from its own seed: the replicates are independent and identically distributed, and the class
 * comment of {@link SampledEstimatorUnbiasednessTest} applies (4 standard errors, or more by Bonferroni for the 360
 * components of the rps cases, for a family-wise false-alarm rate of at most 0.5% per case).
 *
 * <p>The behaviour points are the current one plus N(0, 0.2^2) per logit: far enough that their trajectories would
 * bias an unweighted estimate (checked with NONE: the same buffers read as if on-policy fail the same check, which
 * shows that the check has power against a missing or wrong weighting), near enough that the
 * weights' second moment over 20 moves stays small (per move E[rho^2] - 1 is about Var_pi(delta logit) ~ 0.02-0.05,
 * so E[w_20^2] is about e^0.4 to e^1.1) and the replicate means are close to normal.
 *
 * <p>With trembling-hand noise (the MEAN and EXACT cases again at noise 0.2) the buffer holds noisy trajectories and
 * the ratios are of the intended actions' probabilities (the noise cancels from pi / mu); the estimates must be
 * unbiased for the noisy game's exact derivatives.
 *
 * <p>Baselines: NONE, MEAN and EXACT. LEARNED is left out: with a buffer the table has been fitted on the very
 * trajectories it is later applied to, so b(s_t) is not independent of the trajectory's own actions and the
 * estimate is not exactly unbiased (the effect is of order RATE / visits per state, too small to measure here).
 */
class OffPolicyUnbiasednessTest {

    private static final int BATCH = 16;
    private static final int FILLS = 3;
    private static final int REPLICATES = 1000;
    private static final double BEHAVIOUR_SPREAD = 0.2;

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0004L);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps")) {
            for (BaselineKind baseline : List.of(BaselineKind.NONE, BaselineKind.MEAN, BaselineKind.EXACT)) {
                IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
                cases.add(Arguments.of(name, baseline,
                        EstimatorFixtures.gaussian(random, game.dimension(0), 1.0),
                        EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                        random.nextLong(), 0.0));
            }
            for (BaselineKind baseline : List.of(BaselineKind.MEAN, BaselineKind.EXACT)) {
                IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
                cases.add(Arguments.of(name, baseline,
                        EstimatorFixtures.gaussian(random, game.dimension(0), 1.0),
                        EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                        random.nextLong(), 0.2));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} baseline={1} noise={5}")
    @MethodSource("cases")
    void importanceWeightedEstimatesFromAMixedBufferAreUnbiased(String name, BaselineKind baseline, double[] theta1,
                                                                double[] theta2, long seed, double noise) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON).withNoise(noise);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] behaviour1 = new double[FILLS][];
        double[][] behaviour2 = new double[FILLS][];
        for (int k = 0; k < FILLS; k++) {
            behaviour1[k] = EstimatorFixtures.perturbed(random, theta1, BEHAVIOUR_SPREAD);
            behaviour2[k] = EstimatorFixtures.perturbed(random, theta2, BEHAVIOUR_SPREAD);
        }
        double[] v = EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
        double[] mixed = EstimatorFixtures.opponentDirection(game.dimension(0),
                EstimatorFixtures.gaussian(random, game.dimension(1), 1.0));
        int d = game.jointDimension();
        ExactGradients exact = new ExactGradients(game);
        exact.setPoint(Vectors.concat(theta1, theta2), 0, 0);
        double[] reference = queries(exact, v, mixed);

        SampledEstimatorSpec spec = new SampledEstimatorSpec(Surrogates.dice(), BATCH, HORIZON, baseline,
                (FILLS + 1) * BATCH, Double.POSITIVE_INFINITY);
        // The same buffers rebuilt and read without importance weights (as if drawn at the current point): the
        // estimator this test must be able to tell from the weighted one.
        TrajectoryBatch rebuilt = TrajectoryBatch.full(2, (FILLS + 1) * BATCH, HORIZON, game.isNoisy());
        TrajectorySampler sampler = new TrajectorySampler(game);
        ScoreTables tables = new ScoreTables(game);
        tables.load(Vectors.concat(theta1, theta2));
        BatchSurrogate unweighted = new BatchSurrogate(game, (FILLS + 1) * BATCH, HORIZON);
        GradientEstimator unweightedView = new SurrogateView(unweighted, game.layout());

        Replicates weightedStats = new Replicates(6 * d);
        Replicates unweightedStats = new Replicates(6 * d);
        for (int r = 0; r < REPLICATES; r++) {
            long replicateSeed = seed + 1 + r;
            GradientEstimator estimator = spec.create(game);
            for (int k = 0; k < FILLS; k++) {
                estimator.setPoint(Vectors.concat(behaviour1[k], behaviour2[k]), replicateSeed, k);
                sampler.sample(behaviour1[k], behaviour2[k], replicateSeed, k, rebuilt, k * BATCH, (k + 1) * BATCH);
            }
            estimator.setPoint(Vectors.concat(theta1, theta2), replicateSeed, FILLS);
            sampler.sample(theta1, theta2, replicateSeed, FILLS, rebuilt, FILLS * BATCH, (FILLS + 1) * BATCH);
            weightedStats.add(queries(estimator, v, mixed));
            if (baseline == BaselineKind.NONE) {
                unweighted.load(tables, rebuilt, (FILLS + 1) * BATCH, false, Double.POSITIVE_INFINITY);
                unweighted.setWeights(0, BaselineKind.NONE, null);
                unweighted.setWeights(1, BaselineKind.NONE, null);
                unweightedStats.add(queries(unweightedView, v, mixed));
            }
        }

        double threshold = Replicates.threshold(6 * d, REPLICATES, SampledEstimatorUnbiasednessTest.FAMILY_RATE);
        double[] z = weightedStats.zScores(reference);
        int worst = Replicates.argMaxAbs(z);
        System.out.printf(Locale.ROOT, "off-policy %s %s noise %.1f: max |z| %.2f at %s (threshold %.2f)%n", name,
                baseline, noise, Math.abs(z[worst]), label(worst, d), threshold);
        if (!(Math.abs(z[worst]) <= threshold)) {
            double[] mean = weightedStats.mean();
            fail(String.format(Locale.ROOT, "off-policy %s, baseline %s: %s mean %.6g vs exact %.6g: z = %.2f > %.2f",
                    name, baseline, label(worst, d), mean[worst], reference[worst], z[worst], threshold));
        }
        if (baseline == BaselineKind.NONE) {
            double[] zu = unweightedStats.zScores(reference);
            int worstU = Replicates.argMaxAbs(zu);
            System.out.printf(Locale.ROOT, "off-policy %s without importance weights: max |z| %.1f at %s%n", name,
                    Math.abs(zu[worstU]), label(worstU, d));
            assertTrue(Math.abs(zu[worstU]) > threshold, "the unweighted reuse of the buffer should fail the same "
                    + "check, max |z| = " + Math.abs(zu[worstU]));
        }
    }

    /** A {@link GradientEstimator} view of a loaded {@link BatchSurrogate} (DiCE), for {@link #queries}. */
    private record SurrogateView(BatchSurrogate surrogate, ParameterLayout layout) implements GradientEstimator {

        @Override
        public void setPoint(double[] theta, long seed, long stream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revisit(double[] theta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double value(int agent) {
            return surrogate.value(agent);
        }

        @Override
        public void gradient(int agent, double[] out) {
            surrogate.gradient(agent, out);
        }

        @Override
        public void hessianVectorProduct(int agent, double[] v, double[] out) {
            surrogate.hessianVectorProduct(Surrogates.dice(), agent, v, out);
        }

        @Override
        public boolean isExact() {
            return false;
        }
    }
}
