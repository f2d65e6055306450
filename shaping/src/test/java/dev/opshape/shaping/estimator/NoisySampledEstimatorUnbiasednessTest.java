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
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Unbiasedness under trembling-hand noise: in the IPD and rps with noise 0.1 and 0.3, the mean of independent DiCE
 * estimates of the gradient, a Hessian-vector product and the mixed product (v = (0, w)) of both agents' T-move
 * values equals the exact derivatives of the NOISY finite-horizon game (ExactEvaluator on
 * {@code IteratedGame.finite(game, gamma, T).withNoise(e)}), with the mean and the exact state baseline (the latter
 * the noisy game's state values).
 *
 * <h2>Statistics</h2>
 * As in {@link SampledEstimatorUnbiasednessTest}: R independent replicates (fresh batch of B trajectories each,
 * stream r), every one of the 6 d components within max(4, Bonferroni) standard errors estimated from the
 * replicates, a family-wise false-alarm rate of at most 0.5% per case, fixed seeds.
 *
 * <h2>Power: two negative controls on the same footing</h2>
 * <ul>
 *   <li><b>executed scores</b>: the same noisy batches (same streams), but every step scored with its executed
 *       action instead of the intended one (the batch's intended outcomes overwritten with the executed ones),
 *       which is what an estimator unaware of the trembles would score. The executed action is not distributed as
 *       pi(. | s), so its score has non-zero mean and the estimate is biased;</li>
 *   <li><b>noise ignored</b>: the noiseless game's estimator (trajectories without trembles).</li>
 * </ul>
 * Each control must miss the exact noisy derivatives by more than 6 standard errors in some component; the z-scores
 * are printed.
 */
class NoisySampledEstimatorUnbiasednessTest {

    private static final int HORIZON = SampledEstimatorUnbiasednessTest.HORIZON;
    private static final double GAMMA = SampledEstimatorUnbiasednessTest.GAMMA;
    private static final int BATCH = 32;
    private static final int REPLICATES = 1500;

    /** Seeded cases: ipd and rps, noise 0.1 and 0.3, mean and exact baselines, random points with N(0, 1) logits. */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(0x5EED_0104L);
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ipd", "rps")) {
            for (double noise : new double[] {0.1, 0.3}) {
                for (BaselineKind baseline : List.of(BaselineKind.MEAN, BaselineKind.EXACT)) {
                    IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON);
                    cases.add(Arguments.of(name, noise, baseline,
                            EstimatorFixtures.gaussian(random, game.dimension(0), 1.0),
                            EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                            EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0),
                            EstimatorFixtures.gaussian(random, game.dimension(1), 1.0),
                            random.nextLong()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} noise={1} baseline={2}")
    @MethodSource("cases")
    void diceIsUnbiasedForTheNoisyGameAndTheControlsAreNot(String name, double noise, BaselineKind baseline,
                                                           double[] theta1, double[] theta2, double[] v, double[] w,
                                                           long seed) {
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game(name), GAMMA, HORIZON).withNoise(noise);
        double[] mixed = EstimatorFixtures.opponentDirection(game.dimension(0), w);
        int d = game.jointDimension();
        ExactGradients exact = new ExactGradients(game);
        exact.setPoint(Vectors.concat(theta1, theta2), 0, 0);
        double[] reference = SampledEstimatorUnbiasednessTest.queries(exact, v, mixed);

        SampledEstimatorSpec spec = new SampledEstimatorSpec(Surrogates.dice(), BATCH, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY);
        GradientEstimator dice = spec.create(game);
        GradientEstimator noiseIgnored = spec.create(game.withNoise(0.0));
        ExecutedScores executed = new ExecutedScores(game, baseline, theta1, theta2);
        Replicates diceStats = new Replicates(6 * d);
        Replicates ignoredStats = new Replicates(6 * d);
        Replicates executedStats = new Replicates(6 * d);
        for (int r = 0; r < REPLICATES; r++) {
            dice.setPoint(Vectors.concat(theta1, theta2), seed, r);
            noiseIgnored.setPoint(Vectors.concat(theta1, theta2), seed, r);
            diceStats.add(SampledEstimatorUnbiasednessTest.queries(dice, v, mixed));
            ignoredStats.add(SampledEstimatorUnbiasednessTest.queries(noiseIgnored, v, mixed));
            executedStats.add(executed.queries(seed, r, v, mixed));
        }

        double threshold = Replicates.threshold(6 * d, REPLICATES, SampledEstimatorUnbiasednessTest.FAMILY_RATE);
        double[] z = diceStats.zScores(reference);
        int worst = Replicates.argMaxAbs(z);
        double[] executedZ = executedStats.zScores(reference);
        int executedWorst = Replicates.argMaxAbs(executedZ);
        double[] ignoredZ = ignoredStats.zScores(reference);
        int ignoredWorst = Replicates.argMaxAbs(ignoredZ);
        System.out.printf(Locale.ROOT, "noisy unbiasedness %s noise %.2f %s: DiCE max |z| %.2f at %s (threshold "
                        + "%.2f); executed scores max |z| %.1f at %s; noise ignored max |z| %.1f at %s%n", name, noise,
                baseline, Math.abs(z[worst]), SampledEstimatorUnbiasednessTest.label(worst, d), threshold,
                Math.abs(executedZ[executedWorst]), SampledEstimatorUnbiasednessTest.label(executedWorst, d),
                Math.abs(ignoredZ[ignoredWorst]), SampledEstimatorUnbiasednessTest.label(ignoredWorst, d));

        if (!(Math.abs(z[worst]) <= threshold)) {
            double[] mean = diceStats.mean();
            double[] se = diceStats.standardError();
            fail(String.format(Locale.ROOT, "DiCE %s noise %.2f, baseline %s: %s mean %.6g vs exact %.6g, SE %.3g: "
                            + "z = %.2f > %.2f (false-alarm probability of this component %.2g)", name, noise,
                    baseline, SampledEstimatorUnbiasednessTest.label(worst, d), mean[worst], reference[worst],
                    se[worst], z[worst], threshold, Replicates.tail(z[worst], REPLICATES)));
        }
        assertTrue(Math.abs(executedZ[executedWorst]) > 6, "scoring the executed actions should be detectably "
                + "biased: max |z| = " + Math.abs(executedZ[executedWorst]));
        assertTrue(Math.abs(ignoredZ[ignoredWorst]) > 6, "ignoring the noise should be detectably biased: max |z| = "
                + Math.abs(ignoredZ[ignoredWorst]));
    }

    /**
     * The negative control "executed scores": the estimator's batches (same sampler, same streams), with each step's
     * intended outcome overwritten by its executed one before the surrogate reads it.
     */
    private static final class ExecutedScores {

        private final BaselineKind baseline;
        private final double[] theta1;
        private final double[] theta2;
        private final TrajectorySampler sampler;
        private final TrajectoryBatch batch;
        private final ScoreTables tables;
        private final BatchSurrogate surrogate;
        private final StateBaseline values;

        ExecutedScores(IteratedGame game, BaselineKind baseline, double[] theta1, double[] theta2) {
            this.baseline = baseline;
            this.theta1 = theta1;
            this.theta2 = theta2;
            this.sampler = new TrajectorySampler(game);
            this.batch = TrajectoryBatch.compact(BATCH, HORIZON, false, true);
            this.tables = new ScoreTables(game);
            tables.load(Vectors.concat(theta1, theta2));
            this.surrogate = new BatchSurrogate(game, BATCH, HORIZON);
            ExactEvaluator evaluator = game.newEvaluator();
            evaluator.setPoint(theta1, theta2);
            this.values = evaluator::stateValue;
        }

        double[] queries(long seed, long stream, double[] v, double[] mixed) {
            sampler.sample(theta1, theta2, seed, stream, batch);
            System.arraycopy(batch.cell(), 0, batch.intendedCell(), 0, batch.cell().length);
            surrogate.load(tables, batch, BATCH, false, Double.POSITIVE_INFINITY);
            surrogate.setWeights(0, baseline, values);
            surrogate.setWeights(1, baseline, values);
            int d = theta1.length + theta2.length;
            double[] all = new double[6 * d];
            double[] out = new double[d];
            for (int agent = 0; agent < 2; agent++) {
                surrogate.gradient(agent, out);
                System.arraycopy(out, 0, all, (3 * agent) * d, d);
                surrogate.hessianVectorProduct(Surrogates.dice(), agent, v, out);
                System.arraycopy(out, 0, all, (3 * agent + 1) * d, d);
                surrogate.hessianVectorProduct(Surrogates.dice(), agent, mixed, out);
                System.arraycopy(out, 0, all, (3 * agent + 2) * d, d);
            }
            return all;
        }
    }
}
