package dev.opshape.games.exact;

import dev.opshape.tabular.exact.ExactEvaluator;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Assertions that two numbers or two vectors agree to a relative tolerance, with one definition of "relative" for
 * every exact-evaluator test:
 * <ul>
 *   <li>scalars: |actual - expected| &lt;= tol * max(|expected|, 1);</li>
 *   <li>vectors: for every component k, |actual_k - expected_k| &lt;= tol * max(||expected||_inf, 1).</li>
 * </ul>
 * Components of a gradient or Hessian-vector product are measured against the size of the whole vector, not their
 * own size: a component that is small only because of cancellation carries the absolute round-off of the larger
 * terms it was computed from, so a componentwise-relative test would demand more than double precision can give.
 * The floor 1 (payoffs in these tests are of order 1) keeps a vector that is zero, or nearly so, from demanding
 * errors below round-off of the O(1) intermediate quantities it came from.
 */
final class Agreement {

    private Agreement() {
    }

    /** Fails unless |actual - expected| &lt;= tol * max(|expected|, 1). */
    static void assertScalar(String what, double expected, double actual, double tol) {
        double scale = Math.max(Math.abs(expected), 1.0);
        double error = Math.abs(actual - expected);
        if (!(error <= tol * scale)) {
            fail(String.format("%s: expected %.17g, got %.17g; |error| = %.3g = %.3g x scale %.3g, tolerance %.1g",
                    what, expected, actual, error, error / scale, scale, tol));
        }
    }

    /** Fails unless every |actual_k - expected_k| &lt;= tol * max(||expected||_inf, 1). */
    static void assertVector(String what, double[] expected, double[] actual, double tol) {
        if (expected.length != actual.length) {
            fail(what + ": expected length " + expected.length + ", got " + actual.length);
        }
        double scale = Math.max(maxAbs(expected), 1.0);
        assertVectorAbsolute(what, expected, actual, tol * scale);
    }

    /** Fails unless every |actual_k - expected_k| &lt;= bound (an absolute error bound derived by the caller). */
    static void assertVectorAbsolute(String what, double[] expected, double[] actual, double bound) {
        int worst = -1;
        double worstError = 0;
        for (int k = 0; k < expected.length; k++) {
            double error = Math.abs(actual[k] - expected[k]);
            if (!(error <= bound) && (worst < 0 || !(error <= worstError))) {
                worst = k;
                worstError = error;
            }
        }
        if (worst >= 0) {
            fail(String.format("%s: component %d expected %.17g, got %.17g; |error| = %.3g > bound %.3g "
                            + "(||expected||_inf = %.3g)", what, worst, expected[worst], actual[worst], worstError,
                    bound, maxAbs(expected)));
        }
    }

    /** ||x||_inf. */
    static double maxAbs(double[] x) {
        double max = 0;
        for (double xi : x) {
            max = Math.max(max, Math.abs(xi));
        }
        return max;
    }

    /** A fresh evaluator set to the point's logits. */
    static ExactEvaluator evaluatorAt(EvaluationPoint point) {
        ExactEvaluator exact = point.game().newEvaluator();
        exact.setPoint(point.theta1(), point.theta2());
        return exact;
    }

    /**
     * Asserts that the evaluator's value, gradient and Hessian-vector product along v of agent's value match the
     * expected ones to the relative tolerance.
     */
    static void assertValueGradientProduct(ExactEvaluator exact, int agent, double value, double[] gradient,
                                           double[] hv, double[] v, double tol) {
        String who = "V" + (agent + 1);
        assertScalar(who, value, exact.value(agent), tol);
        double[] g = new double[exact.dimension()];
        exact.gradient(agent, g);
        assertVector("gradient of " + who, gradient, g, tol);
        double[] out = new double[exact.dimension()];
        exact.hessianVectorProduct(agent, v, out);
        assertVector("Hessian-vector product of " + who, hv, out, tol);
    }

    /**
     * Asserts that both agents' values, gradients and Hessian-vector products along the point's direction match
     * the full second-order DerivativeStructure oracle (affordable for small dimensions).
     */
    static void assertMatchesSecondOrderOracle(EvaluationPoint point, double tol) {
        ExactEvaluator exact = evaluatorAt(point);
        for (int agent = 0; agent < 2; agent++) {
            DerivativeStructureOracle.SecondOrder oracle = DerivativeStructureOracle.secondOrder(point.game(), agent,
                    point.theta1(), point.theta2());
            assertValueGradientProduct(exact, agent, oracle.value(), oracle.gradient(),
                    oracle.times(point.direction()), point.direction(), tol);
        }
    }

    /**
     * The same against the first-order oracle and a directional second-order one (one Hessian-vector product,
     * for dimensions where the full Hessian would be slow).
     */
    static void assertMatchesDirectionalOracle(EvaluationPoint point, double tol) {
        ExactEvaluator exact = evaluatorAt(point);
        for (int agent = 0; agent < 2; agent++) {
            DerivativeStructureOracle.SecondOrder oracle = DerivativeStructureOracle.firstOrder(point.game(), agent,
                    point.theta1(), point.theta2());
            double[] hv = DerivativeStructureOracle.directionalHessianVectorProduct(point.game(), agent,
                    point.theta1(), point.theta2(), point.direction());
            assertValueGradientProduct(exact, agent, oracle.value(), oracle.gradient(), hv, point.direction(), tol);
        }
    }
}
