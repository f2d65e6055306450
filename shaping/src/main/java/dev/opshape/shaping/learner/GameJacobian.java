package dev.opshape.shaping.learner;

import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.tabular.policy.ParameterLayout;

/**
 * The simultaneous gradient of a two-player game and its Jacobian at one loaded point, for the differentiable-game
 * rules (SGA, CO, CGD, LSS). In value terms: g = (grad_1 V_1, grad_2 V_2), the field every naive learner ascends, and
 * J = dg/dtheta (row block i is the Hessian of V_i restricted to rows of player i's logits). The loss form of the
 * papers (xi = -g, H = -J) is converted by each rule. J is formed column by column from Hessian-vector products
 * along unit vectors: 2 d products for d joint logits (20 for the IPD), each restricted to its player's rows.
 *
 * <p>A workspace: every array is allocated once; {@link #compute} and the products allocate nothing.
 */
final class GameJacobian {

    /** The joint dimension d. */
    final int dim;
    /** g over the joint logits, valid after {@link #compute}. */
    final double[] g;
    /** J row-major (d x d), valid after {@link #compute}: jacobian[r * d + c] = d g_r / d theta_c. */
    final double[] jacobian;

    private final int[] offset = new int[2];
    private final int[] length = new int[2];
    private final double[] grad;
    private final double[] unit;
    private final double[] hv;

    GameJacobian(ParameterLayout layout) {
        if (layout.numPlayers() != 2) {
            throw new IllegalArgumentException("the differentiable-game rules need two players; this game has "
                    + layout.numPlayers());
        }
        this.dim = layout.dimension();
        for (int i = 0; i < 2; i++) {
            offset[i] = layout.offset(i);
            length[i] = layout.dimension(i);
        }
        this.g = new double[dim];
        this.jacobian = new double[dim * dim];
        this.grad = new double[dim];
        this.unit = new double[dim];
        this.hv = new double[dim];
    }

    /** Computes g and J from the estimator, which must be loaded at the point. */
    void compute(GradientEstimator est) {
        for (int i = 0; i < 2; i++) {
            est.gradient(i, grad);
            System.arraycopy(grad, offset[i], g, offset[i], length[i]);
        }
        for (int c = 0; c < dim; c++) {
            unit[c] = 1.0;
            for (int i = 0; i < 2; i++) {
                est.hessianVectorProduct(i, unit, hv);
                for (int r = offset[i]; r < offset[i] + length[i]; r++) {
                    jacobian[r * dim + c] = hv[r];
                }
            }
            unit[c] = 0.0;
        }
    }

    /** out = J v (d entries). */
    void times(double[] v, double[] out) {
        for (int r = 0; r < dim; r++) {
            double s = 0;
            for (int c = 0; c < dim; c++) {
                s += jacobian[r * dim + c] * v[c];
            }
            out[r] = s;
        }
    }

    /** out = J^T v (d entries). */
    void transposeTimes(double[] v, double[] out) {
        for (int c = 0; c < dim; c++) {
            out[c] = 0;
        }
        for (int r = 0; r < dim; r++) {
            double vr = v[r];
            for (int c = 0; c < dim; c++) {
                out[c] += jacobian[r * dim + c] * vr;
            }
        }
    }

    /** True if joint index k is one of player i's logits. */
    boolean isPlayer(int i, int k) {
        return k >= offset[i] && k < offset[i] + length[i];
    }

    /** The first joint index of player i's logits. */
    int offset(int i) {
        return offset[i];
    }

    /** Player i's number of logits. */
    int length(int i) {
        return length[i];
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
