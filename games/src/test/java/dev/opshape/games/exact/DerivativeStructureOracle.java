package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * Values, gradients and Hessian-vector products computed by forward-mode automatic differentiation
 * (commons-math3 {@link DerivativeStructure}) through {@link ReferenceValue}: an oracle that shares no derivative
 * formula with {@link ExactEvaluator} (no adjoint, no row coefficients, no hand-written sigmoid/softmax Jacobians).
 */
final class DerivativeStructureOracle {

    private DerivativeStructureOracle() {
    }

    /** Value, gradient and (for {@link #secondOrder}) full Hessian of one agent's value at one point. */
    record SecondOrder(double value, double[] gradient, double[][] hessian) {

        /** H v. */
        double[] times(double[] v) {
            int d = gradient.length;
            double[] out = new double[d];
            for (int i = 0; i < d; i++) {
                double acc = 0;
                for (int j = 0; j < d; j++) {
                    acc += hessian[i][j] * v[j];
                }
                out[i] = acc;
            }
            return out;
        }
    }

    /**
     * Order 2 with every logit of both agents as a free parameter: the value, the whole gradient and the whole
     * Hessian in one evaluation. The cost grows with the square of the number of parameters (a
     * {@code DerivativeStructure} of d parameters at order 2 carries (d+1)(d+2)/2 numbers).
     */
    static SecondOrder secondOrder(IteratedGame game, int agent, double[] theta1, double[] theta2) {
        int d1 = theta1.length;
        int d = d1 + theta2.length;
        DerivativeStructure[] x1 = new DerivativeStructure[d1];
        DerivativeStructure[] x2 = new DerivativeStructure[theta2.length];
        for (int i = 0; i < d1; i++) {
            x1[i] = new DerivativeStructure(d, 2, i, theta1[i]);
        }
        for (int j = 0; j < theta2.length; j++) {
            x2[j] = new DerivativeStructure(d, 2, d1 + j, theta2[j]);
        }
        DerivativeStructure value = ReferenceValue.value(game, agent, x1, x2);
        double[] gradient = new double[d];
        double[][] hessian = new double[d][d];
        int[] orders = new int[d];
        for (int i = 0; i < d; i++) {
            orders[i] = 1;
            gradient[i] = value.getPartialDerivative(orders);
            orders[i] = 2;
            hessian[i][i] = value.getPartialDerivative(orders);
            orders[i] = 1;
            for (int j = i + 1; j < d; j++) {
                orders[j] = 1;
                hessian[i][j] = value.getPartialDerivative(orders);
                hessian[j][i] = hessian[i][j];
                orders[j] = 0;
            }
            orders[i] = 0;
        }
        return new SecondOrder(value.getValue(), gradient, hessian);
    }

    /**
     * Value and gradient from an order-1 structure over every logit of both agents: (d + 1) numbers per
     * intermediate instead of (d + 1)(d + 2)/2, for games whose full order-2 structure is too expensive (60 logits
     * in a 3 x 3 game). First derivatives propagate by the same rules at order 1 and order 2.
     */
    static SecondOrder firstOrder(IteratedGame game, int agent, double[] theta1, double[] theta2) {
        int d1 = theta1.length;
        int d = d1 + theta2.length;
        DerivativeStructure[] x1 = new DerivativeStructure[d1];
        DerivativeStructure[] x2 = new DerivativeStructure[theta2.length];
        for (int i = 0; i < d1; i++) {
            x1[i] = new DerivativeStructure(d, 1, i, theta1[i]);
        }
        for (int j = 0; j < theta2.length; j++) {
            x2[j] = new DerivativeStructure(d, 1, d1 + j, theta2[j]);
        }
        DerivativeStructure value = ReferenceValue.value(game, agent, x1, x2);
        double[] gradient = new double[d];
        int[] orders = new int[d];
        for (int i = 0; i < d; i++) {
            orders[i] = 1;
            gradient[i] = value.getPartialDerivative(orders);
            orders[i] = 0;
        }
        return new SecondOrder(value.getValue(), gradient, null);
    }

    /**
     * The Hessian-vector product by the directional trick, for parameter counts where the full order-2 structure is
     * too expensive. For each k, f(a, b) = V(theta + a e_k + b v) is a function of two variables with
     * d^2 f / (da db) at 0 = e_k^T H v = (Hv)_k, so an order-2 {@code DerivativeStructure} over just (a, b) (6
     * numbers instead of (d+1)(d+2)/2) gives one component exactly; d such evaluations give Hv. The same evaluation
     * also yields df/da = (grad V)_k and f = V, which {@link #secondOrder} provides as well, so the two modes can be
     * checked against each other.
     */
    static double[] directionalHessianVectorProduct(IteratedGame game, int agent, double[] theta1, double[] theta2,
                                                    double[] v) {
        int d1 = theta1.length;
        int d = d1 + theta2.length;
        double[] out = new double[d];
        DerivativeStructure a = new DerivativeStructure(2, 2, 0, 0.0);
        DerivativeStructure b = new DerivativeStructure(2, 2, 1, 0.0);
        DerivativeStructure[] x1 = new DerivativeStructure[d1];
        DerivativeStructure[] x2 = new DerivativeStructure[theta2.length];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                double base = i < d1 ? theta1[i] : theta2[i - d1];
                // theta_i + a [i == k] + b v_i
                DerivativeStructure xi = b.multiply(v[i]).add(base);
                if (i == k) {
                    xi = xi.add(a);
                }
                if (i < d1) {
                    x1[i] = xi;
                } else {
                    x2[i - d1] = xi;
                }
            }
            out[k] = ReferenceValue.value(game, agent, x1, x2).getPartialDerivative(1, 1);
        }
        return out;
    }
}
