package dev.opshape.shaping.meta;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.testkit.AllocationCounter;
import dev.opshape.testkit.TabularReferenceValue;
import dev.opshape.testkit.Vectors;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact MAML-RL and LIRPG meta-gradients against two independent references on random tabular MDPs of the seed
 * paper's kind (20 states, 5 actions, Dirichlet(0.001) rows, U(0, 1) rewards, gamma 0.8; infinite horizon and T = 20):
 * central differences of the whole map theta_0 -&gt; V(theta_K(theta_0)) (and eta -&gt; V_r(theta_K(eta))) for
 * K = 1..6, and for K = 1, 2 the chain rule evaluated with commons-math3 {@code DerivativeStructure} gradients and
 * Hessian-vector products (no code of the exact kernels). Negative controls: first-order MAML (the Hessian terms
 * dropped) and LIRPG with the inner learner on r instead of r + eta must fail the same checks.
 */
class ExactMetaGradientTest {

    private static final double GAMMA = 0.8;
    private static final int HORIZON = 20;
    private static final RandomMdps PAPER = RandomMdps.PAPER;
    /** The seed paper's inner step for MAML-RL; a smaller one for LIRPG (its value is not the point here). */
    private static final double MAML_ALPHA = 10.0;
    private static final double LIRPG_ALPHA = 3.0;

    static Stream<Arguments> stepsAndHorizons() {
        return IntStream.rangeClosed(1, 6).boxed()
                .flatMap(k -> Stream.of(Arguments.of(k, 0), Arguments.of(k, HORIZON)));
    }

    private static TabularProblem problem(long index, int horizon) {
        return PAPER.draw(2022L, index).problem(GAMMA, horizon);
    }

    /** V(theta_K) after K exact inner steps from theta0 (the map being differentiated), on a fresh evaluator. */
    private static double mamlObjective(TabularProblem problem, int steps, double alpha, double[] theta0) {
        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(innerSteps(problem, steps, alpha, theta0));
        return exact.value(0);
    }

    private static double lirpgObjective(TabularMdp mdp, int horizon, int steps, double alpha, double[] theta0,
                                         double[] eta) {
        double[] shaped = mdp.rewardsByCell();
        for (int c = 0; c < shaped.length; c++) {
            shaped[c] += eta[c];
        }
        double[] theta = innerSteps(mdp.withRewards(shaped).problem(GAMMA, horizon), steps, alpha, theta0);
        ExactEvaluator outer = mdp.problem(GAMMA, horizon).newEvaluator();
        outer.setPoint(theta);
        return outer.value(0);
    }

    private static double[] innerSteps(TabularProblem problem, int steps, double alpha, double[] theta0) {
        ExactEvaluator exact = problem.newEvaluator();
        double[] theta = theta0.clone();
        double[] grad = new double[theta.length];
        for (int k = 0; k < steps; k++) {
            exact.setPoint(theta);
            exact.gradient(0, grad);
            for (int c = 0; c < theta.length; c++) {
                theta[c] += alpha * grad[c];
            }
        }
        return theta;
    }

    /**
     * Checks {@code claimed} against central differences of f at x, component by component. The tolerance is the
     * differences' own error estimate: with D(h) the central quotient, D(h) - D(2h) is about 3 times D(h)'s
     * truncation error, plus the rounding of f (a few ulps of f over h). Returns the largest ratio of the
     * discrepancy to the tolerance (so 1 is the pass/fail line), for the negative controls to fail on.
     */
    private static double worstRatio(ToDoubleFunction<double[]> f, double[] x, double[] claimed) {
        double h = 1e-5;
        double worst = 0;
        double scale = Math.abs(f.applyAsDouble(x));
        for (int i = 0; i < x.length; i++) {
            double d1 = central(f, x, i, h);
            double d2 = central(f, x, i, 2 * h);
            double tolerance = 2 * Math.abs(d1 - d2) + 1e3 * Math.ulp(scale) / h + 1e-9;
            worst = Math.max(worst, Math.abs(claimed[i] - d1) / tolerance);
        }
        return worst;
    }

    private static double central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double[] y = x.clone();
        y[i] = x[i] + h;
        double plus = f.applyAsDouble(y);
        y[i] = x[i] - h;
        double minus = f.applyAsDouble(y);
        return (plus - minus) / (2 * h);
    }

    @ParameterizedTest(name = "K = {0}, horizon = {1}")
    @MethodSource("stepsAndHorizons")
    void mamlMatchesCentralDifferences(int steps, int horizon) {
        TabularProblem problem = problem(steps, horizon);
        double[] theta0 = Vectors.gaussian(new SplittableRandom(steps), problem.layout().dimension(), 0.5);
        MamlMetaGradient maml = new MamlMetaGradient(problem, steps, MAML_ALPHA);
        double[] meta = new double[maml.dimension()];
        double objective = maml.compute(theta0, meta);
        ToDoubleFunction<double[]> f = x -> mamlObjective(problem, steps, MAML_ALPHA, x);
        assertEquals(f.applyAsDouble(theta0), objective, 1e-12 * Math.abs(objective));
        double ratio = worstRatio(f, theta0, meta);
        assertTrue(ratio <= 1, "worst discrepancy is " + ratio + " times the finite-difference error estimate");
    }

    @ParameterizedTest(name = "K = {0}, horizon = {1}")
    @MethodSource("stepsAndHorizons")
    void lirpgMatchesCentralDifferences(int steps, int horizon) {
        TabularMdp mdp = PAPER.draw(2022L, 10 + steps);
        TabularProblem problem = mdp.problem(GAMMA, horizon);
        SplittableRandom random = new SplittableRandom(100 + steps);
        double[] theta0 = Vectors.gaussian(random, problem.layout().dimension(), 0.5);
        double[] eta = Vectors.gaussian(random, problem.model().numCells(), 0.3);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, steps, LIRPG_ALPHA);
        double[] meta = new double[lirpg.cells()];
        double objective = lirpg.compute(theta0, eta, meta);
        ToDoubleFunction<double[]> f = e -> lirpgObjective(mdp, horizon, steps, LIRPG_ALPHA, theta0, e);
        assertEquals(f.applyAsDouble(eta), objective, 1e-12 * Math.abs(objective));
        double ratio = worstRatio(f, eta, meta);
        assertTrue(ratio <= 1, "worst discrepancy is " + ratio + " times the finite-difference error estimate");
    }

    /** The chain rule with DerivativeStructure pieces: (I + alpha H(theta_0)) ... grad V(theta_K). */
    @ParameterizedTest(name = "K = {0}, horizon = {1}")
    @MethodSource("shortStepsAndHorizons")
    void mamlMatchesDerivativeStructure(int steps, int horizon) {
        TabularProblem problem = problem(20 + steps, horizon);
        double[] theta0 = Vectors.gaussian(new SplittableRandom(20 + steps), problem.layout().dimension(), 0.5);
        double[][] theta = new double[steps + 1][];
        theta[0] = theta0;
        for (int k = 0; k < steps; k++) {
            theta[k + 1] = axpy(MAML_ALPHA, TabularReferenceValue.gradient(problem, 0, theta[k]), theta[k]);
        }
        double[] v = TabularReferenceValue.gradient(problem, 0, theta[steps]);
        for (int k = steps - 1; k >= 0; k--) {
            v = axpy(MAML_ALPHA, TabularReferenceValue.hessianVectorProduct(problem, 0, theta[k], v), v);
        }
        MamlMetaGradient maml = new MamlMetaGradient(problem, steps, MAML_ALPHA);
        double[] meta = new double[maml.dimension()];
        maml.compute(theta0, meta);
        assertClose(v, meta, 1e-10);
    }

    /** sum_k alpha (grad D(theta_k) . v_{k+1}), v_k = (I + alpha H_{r+eta}(theta_k)) v_{k+1}, with DS pieces. */
    @ParameterizedTest(name = "K = {0}, horizon = {1}")
    @MethodSource("shortStepsAndHorizons")
    void lirpgMatchesDerivativeStructure(int steps, int horizon) {
        TabularMdp mdp = PAPER.draw(2022L, 30 + steps);
        SplittableRandom random = new SplittableRandom(30 + steps);
        TabularProblem extrinsic = mdp.problem(GAMMA, horizon);
        double[] theta0 = Vectors.gaussian(random, extrinsic.layout().dimension(), 0.5);
        double[] eta = Vectors.gaussian(random, extrinsic.model().numCells(), 0.3);
        double[] shapedRewards = mdp.rewardsByCell();
        for (int c = 0; c < shapedRewards.length; c++) {
            shapedRewards[c] += eta[c];
        }
        TabularProblem shaped = mdp.withRewards(shapedRewards).problem(GAMMA, horizon);
        double[][] theta = new double[steps + 1][];
        theta[0] = theta0;
        for (int k = 0; k < steps; k++) {
            theta[k + 1] = axpy(LIRPG_ALPHA, TabularReferenceValue.gradient(shaped, 0, theta[k]), theta[k]);
        }
        double[] v = TabularReferenceValue.gradient(extrinsic, 0, theta[steps]);
        double[] expected = new double[eta.length];
        for (int k = steps - 1; k >= 0; k--) {
            double[] visitsTangent = cellVisitsDirectional(mdp, horizon, theta[k], v);
            for (int c = 0; c < expected.length; c++) {
                expected[c] += LIRPG_ALPHA * visitsTangent[c];
            }
            v = axpy(LIRPG_ALPHA, TabularReferenceValue.hessianVectorProduct(shaped, 0, theta[k], v), v);
        }
        LirpgMetaGradient lirpg = new LirpgMetaGradient(extrinsic, steps, LIRPG_ALPHA);
        double[] meta = new double[lirpg.cells()];
        lirpg.compute(theta0, eta, meta);
        assertClose(expected, meta, 1e-10);
    }

    static Stream<Arguments> shortStepsAndHorizons() {
        return Stream.of(Arguments.of(1, 0), Arguments.of(1, HORIZON), Arguments.of(2, 0), Arguments.of(2, HORIZON));
    }

    /** d/dt D(c)(theta + t v) at 0 for every cell c: the value under the reward e_c, differentiated along v. */
    private static double[] cellVisitsDirectional(TabularMdp mdp, int horizon, double[] theta, double[] v) {
        int cells = mdp.numStates() * mdp.numActions();
        double[] out = new double[cells];
        DerivativeStructure t = new DerivativeStructure(1, 1, 0, 0.0);
        DerivativeStructure[] x = new DerivativeStructure[theta.length];
        for (int i = 0; i < theta.length; i++) {
            x[i] = t.multiply(v[i]).add(theta[i]);
        }
        for (int c = 0; c < cells; c++) {
            double[] indicator = new double[cells];
            indicator[c] = 1.0;
            TabularProblem visits = mdp.withRewards(indicator).problem(GAMMA, horizon);
            out[c] = TabularReferenceValue.value(visits, 0, x).getPartialDerivative(1);
        }
        return out;
    }

    @Test
    void firstOrderMamlFailsTheCheck() {
        // Negative control: grad V(theta_K) alone (first-order MAML) is what a missing Hessian term would give.
        int steps = 2;
        TabularProblem problem = problem(40, 0);
        double[] theta0 = Vectors.gaussian(new SplittableRandom(40), problem.layout().dimension(), 0.5);
        double[] thetaK = innerSteps(problem, steps, MAML_ALPHA, theta0);
        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(thetaK);
        double[] firstOrder = new double[thetaK.length];
        exact.gradient(0, firstOrder);
        double ratio = worstRatio(x -> mamlObjective(problem, steps, MAML_ALPHA, x), theta0, firstOrder);
        assertTrue(ratio > 1e3, "first-order MAML passed the check (ratio " + ratio + ")");
    }

    @Test
    void lirpgWithoutTheIntrinsicRewardFailsTheCheck() {
        // Negative control: the meta-gradient computed as if the inner learner ascended r alone (eta = 0), checked
        // at eta != 0.
        int steps = 2;
        TabularMdp mdp = PAPER.draw(2022L, 41);
        TabularProblem problem = mdp.problem(GAMMA, 0);
        SplittableRandom random = new SplittableRandom(41);
        double[] theta0 = Vectors.gaussian(random, problem.layout().dimension(), 0.5);
        double[] eta = Vectors.gaussian(random, problem.model().numCells(), 0.3);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, steps, LIRPG_ALPHA);
        double[] wrong = new double[lirpg.cells()];
        lirpg.compute(theta0, new double[lirpg.cells()], wrong);
        double ratio = worstRatio(e -> lirpgObjective(mdp, 0, steps, LIRPG_ALPHA, theta0, e), eta, wrong);
        assertTrue(ratio > 1e3, "the unshaped inner learner passed the check (ratio " + ratio + ")");
    }

    @Test
    void zeroStepsIsThePolicyGradientAndANullMetaGradient() {
        TabularProblem problem = problem(42, HORIZON);
        double[] theta0 = Vectors.gaussian(new SplittableRandom(42), problem.layout().dimension(), 1.0);
        MamlMetaGradient maml = new MamlMetaGradient(problem, 0, MAML_ALPHA);
        double[] meta = new double[maml.dimension()];
        maml.compute(theta0, meta);
        assertClose(TabularReferenceValue.gradient(problem, 0, theta0), meta, 1e-10);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, 0, LIRPG_ALPHA);
        double[] none = new double[lirpg.cells()];
        lirpg.compute(theta0, Vectors.gaussian(new SplittableRandom(43), lirpg.cells(), 1.0), none);
        for (double x : none) {
            assertEquals(0.0, x);
        }
    }

    @Test
    void computeAllocatesNothing() {
        TabularProblem problem = problem(44, HORIZON);
        SplittableRandom random = new SplittableRandom(44);
        double[] theta0 = Vectors.gaussian(random, problem.layout().dimension(), 0.5);
        double[] eta = Vectors.gaussian(random, problem.model().numCells(), 0.3);
        MamlMetaGradient maml = new MamlMetaGradient(problem, 5, MAML_ALPHA);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, 5, LIRPG_ALPHA);
        double[] a = new double[maml.dimension()];
        double[] b = new double[lirpg.cells()];
        for (int i = 0; i < 2000; i++) {
            maml.compute(theta0, a);
            lirpg.compute(theta0, eta, b);
        }
        long bytes = AllocationCounter.fewestBytes(attempt -> {
            for (int i = 0; i < 200; i++) {
                maml.compute(theta0, a);
                lirpg.compute(theta0, eta, b);
            }
        });
        assertEquals(0, bytes, "bytes allocated by 200 MAML and LIRPG meta-gradients");
    }

    @Test
    void badArgumentsAreRefusedWithOneLine() {
        TabularProblem problem = problem(45, 0);
        LirpgMetaGradient lirpg = new LirpgMetaGradient(problem, 1, LIRPG_ALPHA);
        double[] theta0 = new double[lirpg.dimension()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lirpg.compute(theta0, new double[3], new double[lirpg.cells()]));
        assertTrue(e.getMessage().contains("eta needs length 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MamlMetaGradient(problem, -1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new MamlMetaGradient(problem, 1, Double.NaN));
    }

    private static double[] axpy(double a, double[] x, double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + a * x[i];
        }
        return out;
    }

    /** |expected - actual| <= tolerance * (|expected|_inf + 1e-300), component by component, relative to the norm. */
    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        double norm = 0;
        for (double x : expected) {
            norm = Math.max(norm, Math.abs(x));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * norm, "component " + i);
        }
    }
}
