package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact gradient agrees with central differences of the exact value, and the exact Hessian-vector product with
 * central differences of the exact gradient along the direction: a check that needs no second implementation of the
 * game, only the evaluator's own value (for the gradient) and gradient (for the HVP).
 *
 * <p>The step and the tolerance of every comparison come from {@link CentralDifferenceBound}: a proven bound on the
 * truncation error (Cauchy estimates of the analytic value function, C h^2) plus a generous round-off estimate
 * (eps / h), at the step h = (eps / 2C)^(1/3) that minimises their sum. Nothing is fitted to the observed errors.
 * Because the truncation bound must hold for every policy, including slowly mixing nearly deterministic ones, it
 * grows like (1 - gamma)^-4 (gradient) and (1 - gamma)^-5 (HVP) for long horizons. Each case therefore also asserts
 * that its bound is below 1e-3 of the size of the vector it checks (so a defect of 0.1% would be caught); the cases
 * are those where this holds:
 * <ul>
 *   <li>gradient: gamma in {0, 0.5, 0.9, 0.96}, every horizon (the bound is at most 2.5e-4 of the gradient);</li>
 *   <li>HVP: gamma in {0, 0.5}, every horizon (at most 1e-4 of the product), and gamma in {0.9, 0.96} with T in
 *       {1, 2}; with gamma 0.9 and T = 20 the bound is already about 6e-3 of the product, and with gamma 0.96 and an
 *       infinite horizon as large as the product itself.</li>
 * </ul>
 * The remaining cases, and gamma = 0.99, are covered at 1e-10 by the autodiff oracle
 * ({@link ExactEvaluatorMatchesDerivativeStructureTest}), which needs no such bound.
 */
class ExactEvaluatorMatchesFiniteDifferencesTest {

    static final int[] HORIZONS = {IteratedGame.INFINITE, 1, 2, 20, 100};

    /** 4 gammas x 5 horizons x 1 point, for each of the six test games. */
    static Stream<EvaluationPoint> gradientPoints() {
        return points(new double[] {0.0, 0.5, 0.9, 0.96}, HORIZONS, 1, 0xFD1);
    }

    /** (2 gammas x 5 horizons + 2 gammas x 2 short horizons) x 2 points, for each of the six test games. */
    static Stream<EvaluationPoint> hessianVectorPoints() {
        return Stream.concat(points(new double[] {0.0, 0.5}, HORIZONS, 2, 0xFD2),
                points(new double[] {0.9, 0.96}, new int[] {1, 2}, 2, 0xFD3));
    }

    private static Stream<EvaluationPoint> points(double[] gammas, int[] horizons, int perCombination, long seed) {
        List<MatrixGame> games = new ArrayList<>(TestGames.twoByTwo());
        games.addAll(TestGames.larger());
        return games.stream().flatMap(g -> EvaluationPoint.grid(g, gammas, horizons,
                perCombination, seed * 31 + g.name().hashCode()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientPoints")
    void gradientMatchesCentralDifferencesOfValue(EvaluationPoint point) {
        ExactEvaluator exact = point.game().newEvaluator();
        int d1 = exact.layout().dimension(0);
        int d = exact.dimension();
        double[][] gradient = new double[2][d];
        exact.setPoint(point.theta1(), point.theta2());
        exact.gradient(0, gradient[0]);
        exact.gradient(1, gradient[1]);

        CentralDifferenceBound.Step step = new CentralDifferenceBound(point.game())
                .gradientStep(maxAbs(point.theta1(), point.theta2()));
        double h = step.h();
        double[][] difference = new double[2][d];
        for (int k = 0; k < d; k++) {
            double[] t1 = point.theta1().clone();
            double[] t2 = point.theta2().clone();
            double[] t = k < d1 ? t1 : t2;
            int i = k < d1 ? k : k - d1;
            double base = t[i];
            t[i] = base + h;
            exact.setPoint(t1, t2);
            double plus1 = exact.value(0);
            double plus2 = exact.value(1);
            t[i] = base - h;
            exact.setPoint(t1, t2);
            difference[0][k] = (plus1 - exact.value(0)) / (2 * h);
            difference[1][k] = (plus2 - exact.value(1)) / (2 * h);
        }
        for (int agent = 0; agent < 2; agent++) {
            assertInformative(step, difference[agent]);
            Agreement.assertVectorAbsolute("gradient of V" + (agent + 1) + " (h = " + h + ")", difference[agent],
                    gradient[agent], step.bound());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hessianVectorPoints")
    void hessianVectorProductMatchesCentralDifferencesOfGradient(EvaluationPoint point) {
        ExactEvaluator exact = point.game().newEvaluator();
        int d1 = exact.layout().dimension(0);
        int d = exact.dimension();
        double[] v = point.direction().clone();
        double norm = Agreement.maxAbs(v);
        for (int k = 0; k < d; k++) {
            v[k] /= norm;
        }
        double[][] product = new double[2][d];
        exact.setPoint(point.theta1(), point.theta2());
        exact.hessianVectorProduct(0, v, product[0]);
        exact.hessianVectorProduct(1, v, product[1]);

        CentralDifferenceBound.Step step = new CentralDifferenceBound(point.game())
                .hessianVectorStep(maxAbs(point.theta1(), point.theta2()));
        double h = step.h();
        double[][] plus = new double[2][d];
        double[][] minus = new double[2][d];
        gradientsAt(exact, point, v, d1, +h, plus);
        gradientsAt(exact, point, v, d1, -h, minus);
        for (int agent = 0; agent < 2; agent++) {
            double[] difference = new double[d];
            for (int k = 0; k < d; k++) {
                difference[k] = (plus[agent][k] - minus[agent][k]) / (2 * h);
            }
            assertInformative(step, difference);
            Agreement.assertVectorAbsolute("Hessian-vector product of V" + (agent + 1) + " (h = " + h + ")",
                    difference, product[agent], step.bound());
        }
    }

    private static void gradientsAt(ExactEvaluator exact, EvaluationPoint point, double[] v, int d1, double s,
                                    double[][] out) {
        double[] t1 = point.theta1().clone();
        double[] t2 = point.theta2().clone();
        for (int i = 0; i < t1.length; i++) {
            t1[i] += s * v[i];
        }
        for (int j = 0; j < t2.length; j++) {
            t2[j] += s * v[d1 + j];
        }
        exact.setPoint(t1, t2);
        exact.gradient(0, out[0]);
        exact.gradient(1, out[1]);
    }

    private static void assertInformative(CentralDifferenceBound.Step step, double[] expected) {
        assertTrue(CentralDifferenceBound.isInformative(step, expected), () -> String.format(
                "the derived error bound %.3g is not below 1e-3 of the checked vector's size %.3g: this case cannot "
                        + "detect a defect", step.bound(), Agreement.maxAbs(expected)));
    }

    private static double maxAbs(double[] a, double[] b) {
        return Math.max(Agreement.maxAbs(a), Agreement.maxAbs(b));
    }
}
