package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a reward-shaping meta-gradient (LIRPG) needs from an estimator: {@link GradientEstimator#setRewards} behaves
 * as an estimator built on the problem with those rewards (bit for bit, same trajectories), and the sampled
 * {@link GradientEstimator#cellVisitsDirectional} is unbiased for the exact grad D . v (mean of 4000 independent
 * batches within the family-wise 4-SE band of {@link Replicates}), while a wrong reference (the same derivative
 * along another direction) fails the same check.
 */
class RewardShapingEstimatesTest {

    private static final int HORIZON = 8;
    private static final double GAMMA = 0.85;

    private static TabularMdp mdp() {
        return new RandomMdps(4, 3, 0.6, 0.0, 1.0, 0).draw(123L, 0);
    }

    private static TabularMdp withRewards(TabularMdp mdp, double[] byCell) {
        double[][] table = new double[mdp.numStates()][mdp.numActions()];
        for (int s = 0; s < table.length; s++) {
            for (int a = 0; a < table[s].length; a++) {
                table[s][a] = byCell[s * mdp.numActions() + a];
            }
        }
        return TabularMdp.of("shaped", mdp.transitionTable(), table, mdp.startDistribution());
    }

    @ParameterizedTest
    @EnumSource(BaselineKind.class)
    void setRewardsIsTheEstimatorOfTheShapedProblem(BaselineKind baseline) {
        TabularMdp mdp = mdp();
        SplittableRandom random = new SplittableRandom(8);
        double[] shaped = Vectors.gaussian(random, mdp.numStates() * mdp.numActions(), 1.0);
        SampledEstimatorSpec spec = new SampledEstimatorSpec(Surrogates.lvc(), 16, HORIZON, baseline, 0,
                Double.POSITIVE_INFINITY);
        GradientEstimator changed = spec.create(mdp.problem(GAMMA, HORIZON));
        changed.setRewards(0, shaped);
        GradientEstimator built = spec.create(withRewards(mdp, shaped).problem(GAMMA, HORIZON));
        double[] theta = Vectors.gaussian(random, changed.dimension(), 1.0);
        double[] v = Vectors.gaussian(random, changed.dimension(), 1.0);
        for (int call = 0; call < 3; call++) {
            changed.setPoint(theta, 4L, call);
            built.setPoint(theta, 4L, call);
            assertEquals(built.value(0), changed.value(0), 0.0);
            double[] a = new double[theta.length];
            double[] b = new double[theta.length];
            built.gradient(0, a);
            changed.gradient(0, b);
            assertArrayEquals(a, b, 0.0);
            built.hessianVectorProduct(0, v, a);
            changed.hessianVectorProduct(0, v, b);
            assertArrayEquals(a, b, 0.0);
        }
    }

    @Test
    void exactSetRewardsAndBadRewards() {
        TabularMdp mdp = mdp();
        double[] shaped = Vectors.gaussian(new SplittableRandom(3), mdp.numStates() * mdp.numActions(), 1.0);
        GradientEstimator changed = EstimatorSpec.EXACT.create(mdp.problem(GAMMA, HORIZON));
        changed.setRewards(0, shaped);
        GradientEstimator built = EstimatorSpec.EXACT.create(withRewards(mdp, shaped).problem(GAMMA, HORIZON));
        double[] theta = Vectors.gaussian(new SplittableRandom(4), changed.dimension(), 1.0);
        changed.setPoint(theta, 0, 0);
        built.setPoint(theta, 0, 0);
        assertEquals(built.value(0), changed.value(0), 1e-12);
        GradientEstimator sampled = new SampledEstimatorSpec(Surrogates.dice(), 4, HORIZON, BaselineKind.NONE, 0,
                Double.POSITIVE_INFINITY).create(mdp.problem(GAMMA, HORIZON));
        assertThrows(IllegalArgumentException.class, () -> sampled.setRewards(0, new double[3]));
        shaped[2] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> sampled.setRewards(0, shaped));
    }

    @Test
    void sampledCellVisitDerivativeIsUnbiased() {
        TabularMdp mdp = mdp();
        TabularProblem problem = mdp.problem(GAMMA, HORIZON);
        SplittableRandom random = new SplittableRandom(21);
        double[] theta = Vectors.gaussian(random, problem.layout().dimension(), 0.8);
        double[] v = Vectors.gaussian(random, theta.length, 1.0);
        double[] other = Vectors.gaussian(random, theta.length, 1.0);
        int cells = problem.model().numCells();
        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(theta);
        double[] reference = new double[cells];
        exact.cellVisitsDirectional(v, reference);
        double[] wrong = new double[cells];
        exact.cellVisitsDirectional(other, wrong);

        GradientEstimator sampled = new SampledEstimatorSpec(Surrogates.maml(), 8, HORIZON, BaselineKind.EXACT, 0,
                Double.POSITIVE_INFINITY).create(problem);
        int replicates = 4000;
        Replicates stats = new Replicates(cells);
        double[] out = new double[cells];
        for (int r = 0; r < replicates; r++) {
            sampled.setPoint(theta, 99L, r);
            sampled.cellVisitsDirectional(v, out);
            stats.add(out);
        }
        double threshold = Replicates.threshold(cells, replicates, SampledEstimatorUnbiasednessTest.FAMILY_RATE);
        double[] z = stats.zScores(reference);
        double[] zWrong = stats.zScores(wrong);
        double worst = Math.abs(z[Replicates.argMaxAbs(z)]);
        double worstWrong = Math.abs(zWrong[Replicates.argMaxAbs(zWrong)]);
        System.out.printf(Locale.ROOT, "cell-visit derivative: max |z| %.2f (threshold %.2f); other direction %.1f%n",
                worst, threshold, worstWrong);
        assertTrue(worst <= threshold, "max |z| = " + worst);
        assertTrue(worstWrong > 2 * threshold, "the check cannot tell directions apart: " + worstWrong);
    }
}
