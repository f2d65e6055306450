package dev.opshape.shaping.meta;

import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampled LIRPG meta-gradients d V_r(theta_K) / d eta against the exact one, in the seed paper's LIRPG setting (MDP 0
 * of the paper's family, gamma 0.8, T = 20, theta_0 = 0, eta = 0, alpha = 10, exact state-value baseline; K = 2 so
 * that the backward pass has a Hessian product to get wrong). As for MAML: an estimate linear in one unbiased sampled
 * part (the outer gradient, or the Hessian and mixed products with DiCE) has the exact meta-gradient as its mean,
 * within 4 SE along fixed random directions; the MAML surrogate's Hessian (ele) and sampled inner steps (lee) land
 * far outside.
 */
class SampledLirpgMetaGradientTest {

    private static final TabularProblem PROBLEM = RandomMdps.PAPER.draw(2022L, 0).problem(0.8, 20);
    private static final int STEPS = 2;
    private static final double ALPHA = 10.0;
    private static final int ESTIMATES = 400;
    private static final double Z = 4.0;

    private static EstimatorSpec sampled(Surrogate surrogate, int batch) {
        return new SampledEstimatorSpec(surrogate, batch, 20, BaselineKind.EXACT, 0, Double.POSITIVE_INFINITY);
    }

    private static double worstZ(int estimates, EstimatorSpec inner, EstimatorSpec hessian, EstimatorSpec outer) {
        double[] theta0 = new double[PROBLEM.layout().dimension()];
        LirpgMetaGradient reference = new LirpgMetaGradient(PROBLEM, STEPS, ALPHA);
        double[] eta = new double[reference.cells()];
        double[] exact = new double[eta.length];
        reference.compute(theta0, eta, exact);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(PROBLEM, STEPS, ALPHA, inner, hessian, outer);
        return ProjectedMeans.worstZ(exact, estimates, (out, j) -> lirpg.compute(theta0, eta, 11L, 0, j, out));
    }

    @Test
    void sampledOuterGradientIsUnbiased() {
        double z = worstZ(ESTIMATES, EstimatorSpec.EXACT, EstimatorSpec.EXACT, sampled(Surrogates.dice(), 5));
        assertTrue(z < Z, "eel with DiCE: |z| = " + z);
    }

    @Test
    void sampledDiceSecondOrderPartIsUnbiased() {
        double z = worstZ(ESTIMATES, EstimatorSpec.EXACT, sampled(Surrogates.dice(), 5), EstimatorSpec.EXACT);
        assertTrue(z < Z, "ele with DiCE: |z| = " + z);
    }

    @Test
    void theMamlSurrogatesHessianIsBiased() {
        // With the exact baseline the MAML surrogate's expected Hessian is 0 (SurrogateHessianBiasTest), so its
        // estimate drops alpha H v from each backward step; that bias is small beside the noise of the mixed term
        // (|z| near 2.8 with 400 estimates), so 6400 estimates put it near 11.
        double z = worstZ(16 * ESTIMATES, EstimatorSpec.EXACT, sampled(Surrogates.maml(), 5), EstimatorSpec.EXACT);
        assertTrue(z > 2 * Z, "ele with the MAML surrogate should be biased: |z| = " + z);
    }

    @Test
    void sampledInnerStepsAreBiased() {
        double z = worstZ(5 * ESTIMATES, sampled(Surrogates.dice(), 5), EstimatorSpec.EXACT, EstimatorSpec.EXACT);
        assertTrue(z > 2 * Z, "lee (compositional bias) should be biased at n = 5: |z| = " + z);
    }

    @Test
    void estimatorsWithTheSameGradientAgreeUnderLee() {
        double[] theta0 = new double[PROBLEM.layout().dimension()];
        double[] eta = Vectors.gaussian(new SplittableRandom(3), PROBLEM.model().numCells(), 0.2);
        Surrogate[] surrogates = {Surrogates.dice(), Surrogates.lvc(), Surrogates.maml(), Surrogates.loaded(0.5)};
        double[][] out = new double[surrogates.length][eta.length];
        for (int i = 0; i < surrogates.length; i++) {
            new LirpgMetaGradient(PROBLEM, STEPS, ALPHA, sampled(surrogates[i], 5), EstimatorSpec.EXACT,
                    EstimatorSpec.EXACT).compute(theta0, eta, 3L, 2, 17, out[i]);
        }
        for (int i = 1; i < surrogates.length; i++) {
            assertArrayEquals(out[0], out[i]);
        }
    }
}
