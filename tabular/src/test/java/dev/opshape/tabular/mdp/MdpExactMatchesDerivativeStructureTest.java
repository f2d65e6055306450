package dev.opshape.tabular.mdp;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.testkit.TabularReferenceValue;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The general exact kernel on single-agent MDPs against forward-mode automatic differentiation
 * ({@link TabularReferenceValue} over commons-math3 DerivativeStructure, which shares no derivative formula with it):
 * value, gradient and Hessian-vector product to 1e-10 relative (|error| &lt;= 1e-10 max(||expected||_inf, 1) per
 * component) on the seed paper's random MDPs (20 states, 5 actions, Dirichlet(0.001) rows, gamma 0.8) with an
 * infinite horizon and with T = 20, plus the shapes the paper does not use (two actions, a start distribution,
 * trembling-hand noise, undiscounted finite horizons).
 */
class MdpExactMatchesDerivativeStructureTest {

    private static final double TOLERANCE = 1e-10;

    static Stream<Arguments> paperSetting() {
        List<Arguments> cases = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            TabularMdp mdp = RandomMdps.PAPER.draw(2022, index);
            for (int horizon : new int[] {TabularProblem.INFINITE, 20}) {
                for (double scale : new double[] {0.0, 1.0, 3.0}) {
                    cases.add(Arguments.of(mdp, 0.8, horizon, 0.0, scale, 100L + index));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> otherShapes() {
        RandomMdps twoActions = new RandomMdps(6, 2, 0.3, -1.0, 2.0, 1);
        RandomMdps dense = new RandomMdps(5, 3, 1.0, 0.0, 1.0, 0);
        TabularMdp spreadStart = withRandomStart(dense.draw(7, 0), new SplittableRandom(9));
        return Stream.of(
                Arguments.of(twoActions.draw(1, 0), 0.9, TabularProblem.INFINITE, 0.0, 1.5, 1L),
                Arguments.of(twoActions.draw(1, 1), 0.95, 30, 0.0, 1.0, 2L),
                Arguments.of(spreadStart, 0.8, TabularProblem.INFINITE, 0.0, 1.0, 3L),
                Arguments.of(spreadStart, 1.0, 15, 0.0, 1.0, 4L),
                Arguments.of(dense.draw(7, 1), 0.8, TabularProblem.INFINITE, 0.1, 1.0, 5L),
                Arguments.of(dense.draw(7, 2), 0.8, 20, 0.25, 2.0, 6L));
    }

    @ParameterizedTest(name = "{0} gamma {1} T {2} noise {3} logits sd {4}")
    @MethodSource({"paperSetting", "otherShapes"})
    void valueGradientAndHessianVectorProductMatchDerivativeStructure(TabularMdp mdp, double gamma, int horizon,
                                                                       double noise, double scale, long seed) {
        TabularProblem problem = TabularProblem.of(mdp.model(), gamma, horizon, noise);
        SplittableRandom random = new SplittableRandom(seed);
        int d = problem.layout().dimension();
        double[] theta = Vectors.gaussian(random, d, scale);
        double[] v = Vectors.gaussian(random, d, 1.0);

        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(theta);
        double expectedValue = TabularReferenceValue.value(problem, 0, theta);
        assertClose("V", new double[] {expectedValue}, new double[] {exact.value(0)});

        double[] gradient = new double[d];
        exact.gradient(0, gradient);
        assertClose("gradient", TabularReferenceValue.gradient(problem, 0, theta), gradient);

        double[] hv = new double[d];
        exact.hessianVectorProduct(0, v, hv);
        assertClose("Hessian-vector product", TabularReferenceValue.hessianVectorProduct(problem, 0, theta, v), hv);
    }

    /**
     * Negative control: the comparison is sharp enough to see a wrong model. The same logits on the same MDP with
     * gamma 0.81 instead of 0.8 must fail it.
     */
    @Test
    void comparisonDetectsAWrongDiscount() {
        TabularMdp mdp = RandomMdps.PAPER.draw(2022, 0);
        double[] theta = Vectors.gaussian(new SplittableRandom(5), 100, 1.0);
        ExactEvaluator exact = mdp.problem(0.8, TabularProblem.INFINITE).newEvaluator();
        exact.setPoint(theta);
        double[] gradient = new double[100];
        exact.gradient(0, gradient);
        double[] wrong = TabularReferenceValue.gradient(mdp.problem(0.81, TabularProblem.INFINITE), 0, theta);
        assertThrows(AssertionError.class, () -> assertClose("gradient", wrong, gradient));
    }

    /** A one-state MDP is a bandit: V = sum_a pi(a) r(a) / (1 - gamma) in closed form. */
    @Test
    void oneStateMdpIsABandit() {
        double[][][] p = {{{1}, {1}, {1}}};
        double[][] r = {{1.0, -2.0, 0.5}};
        TabularMdp bandit = TabularMdp.of("bandit", p, r, new double[] {1});
        double[] theta = {0.3, -0.7, 1.1};
        double z = Math.exp(0.3) + Math.exp(-0.7) + Math.exp(1.1);
        double mean = (Math.exp(0.3) * 1.0 - 2.0 * Math.exp(-0.7) + 0.5 * Math.exp(1.1)) / z;
        ExactEvaluator exact = bandit.problem(0.9, TabularProblem.INFINITE).newEvaluator();
        exact.setPoint(theta);
        assertEquals(mean / (1 - 0.9), exact.value(0), 1e-13);
        assertEquals(mean / (1 - 0.9), TabularReferenceValue.value(bandit.problem(0.9, 0), 0, theta), 1e-13);
    }

    private static TabularMdp withRandomStart(TabularMdp mdp, SplittableRandom random) {
        double[] start = new double[mdp.numStates()];
        double sum = 0;
        for (int s = 0; s < start.length; s++) {
            start[s] = random.nextDouble();
            sum += start[s];
        }
        for (int s = 0; s < start.length; s++) {
            start[s] /= sum;
        }
        return TabularMdp.of(mdp.name(), mdp.stateLabels(), mdp.actionLabels(), mdp.transitionTable(),
                mdp.rewardTable(), start);
    }

    /** |actual_k - expected_k| &lt;= TOLERANCE max(||expected||_inf, 1) for every k. */
    private static void assertClose(String what, double[] expected, double[] actual) {
        double scale = 1.0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            double error = Math.abs(actual[k] - expected[k]);
            if (!(error <= TOLERANCE * scale)) {
                fail(String.format("%s[%d]: expected %.17g, got %.17g; |error| %.3g > %.1g x scale %.3g", what, k,
                        expected[k], actual[k], error, TOLERANCE, scale));
            }
        }
    }
}
