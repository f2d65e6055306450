package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.policy.ActionLogits;

/**
 * The gradient and Hessian-vector product of {@link ExactEvaluator} for any number of actions, from row
 * coefficients c_{i,r} = dV_i / dq_r that a subclass computes for its horizon (see the method in ExactEvaluator's
 * class comment): the gradient with respect to agent 1's logits of row r is J1^T u with
 * u[a1] = sum_a2 pi2(a2) c_{i,r}[a1 m + a2] (symmetrically for agent 2), and the Hessian-vector product is its
 * derivative along v, from the row derivatives q_r' (computed here) and the coefficient derivatives c_{i,r}' (by the
 * subclass).
 *
 * <p>In a noisy game the rows' probabilities are the executed policies pi_i' = f_i + c_i pi_i (see ExactEvaluator):
 * the contractions (u, and q_r') read pi_i' and its directional derivative c_i pi_i', while the softmax Jacobian and
 * curvature are those of the intended pi_i, scaled by c_i. Without noise c_i = 1 and the executed arrays are the
 * intended ones, so the arithmetic is exactly the noiseless one.
 */
abstract class RowCoefficientEvaluator extends ExactEvaluator {

    /** Row coefficients c_{i,r} = dV_i/dq_r: coef[i][r * S + j], set by {@link #prepare}. */
    protected final double[][] coef;
    /** Directional derivatives along the current HVP direction. */
    private final double[] pi1Dot;
    private final double[] pi2Dot;
    /** Directional derivatives of the executed policies, c_i pi_i' (the arrays pi1Dot and pi2Dot without noise). */
    private final double[] mix1Dot;
    private final double[] mix2Dot;
    protected final double[] qDot;
    protected final double[] coefDot;
    /** Local contraction buffers (length max(n, m)). */
    private final double[] u;
    private final double[] uDot;

    RowCoefficientEvaluator(IteratedGame game) {
        super(game);
        this.coef = new double[2][numRows * numOutcomes];
        this.pi1Dot = new double[numRows * n];
        this.pi2Dot = new double[numRows * m];
        this.mix1Dot = noisy ? new double[pi1Dot.length] : pi1Dot;
        this.mix2Dot = noisy ? new double[pi2Dot.length] : pi2Dot;
        this.qDot = new double[numRows * numOutcomes];
        this.coefDot = new double[numRows * numOutcomes];
        this.u = new double[Math.max(n, m)];
        this.uDot = new double[Math.max(n, m)];
    }

    /**
     * Computes {@link #values} and {@link #coef} for both agents from {@link #q} (which holds the current rows).
     */
    @Override
    protected abstract void prepare();

    /**
     * Computes {@link #coefDot} for the given agent, the derivative of its row coefficients along the direction
     * whose row derivatives are in {@link #qDot}.
     */
    protected abstract void directionalCoefficients(int agent);

    @Override
    protected final void computeGradient(int agent, double[] out) {
        java.util.Arrays.fill(out, 0, dim1 + dim2, 0.0);
        double[] c = coef[agent];
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            // agent 1's logits of state r: u[a1] = sum_a2 pi2(a2) c[a1, a2]
            for (int a1 = 0; a1 < n; a1++) {
                double acc = 0;
                for (int a2 = 0; a2 < m; a2++) {
                    acc += mix2[s2 * m + a2] * c[base + a1 * m + a2];
                }
                u[a1] = acc;
            }
            ActionLogits.addVjp(pi1, r * n, n, u, 0, scale1, out, r * perState1);
            // agent 2's logits of state s2: u[a2] = sum_a1 pi1(a1) c[a1, a2]
            for (int a2 = 0; a2 < m; a2++) {
                double acc = 0;
                for (int a1 = 0; a1 < n; a1++) {
                    acc += mix1[r * n + a1] * c[base + a1 * m + a2];
                }
                u[a2] = acc;
            }
            ActionLogits.addVjp(pi2, s2 * m, m, u, 0, scale2, out, dim1 + s2 * perState2);
        }
    }

    @Override
    protected final void computeHessianVectorProduct(int agent, double[] v, double[] out) {
        // Directional derivatives of the policies and of the rows.
        for (int s = 0; s < numRows; s++) {
            ActionLogits.jvp(pi1, s * n, n, v, s * perState1, pi1Dot, s * n);
            ActionLogits.jvp(pi2, s * m, m, v, dim1 + s * perState2, pi2Dot, s * m);
        }
        if (noisy) {
            for (int i = 0; i < mix1Dot.length; i++) {
                mix1Dot[i] = scale1 * pi1Dot[i];
            }
            for (int i = 0; i < mix2Dot.length; i++) {
                mix2Dot[i] = scale2 * pi2Dot[i];
            }
        }
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double p1 = mix1[r * n + a1];
                double p1Dot = mix1Dot[r * n + a1];
                for (int a2 = 0; a2 < m; a2++) {
                    qDot[base + a1 * m + a2] = p1Dot * mix2[s2 * m + a2] + p1 * mix2Dot[s2 * m + a2];
                }
            }
        }
        directionalCoefficients(agent);

        java.util.Arrays.fill(out, 0, dim1 + dim2, 0.0);
        double[] c = coef[agent];
        for (int r = 0; r < numRows; r++) {
            int s2 = state2OfRow[r];
            int base = r * numOutcomes;
            for (int a1 = 0; a1 < n; a1++) {
                double acc = 0;
                double accDot = 0;
                for (int a2 = 0; a2 < m; a2++) {
                    int j = base + a1 * m + a2;
                    acc += mix2[s2 * m + a2] * c[j];
                    accDot += mix2Dot[s2 * m + a2] * c[j] + mix2[s2 * m + a2] * coefDot[j];
                }
                u[a1] = acc;
                uDot[a1] = accDot;
            }
            int o1 = r * perState1;
            ActionLogits.addVjp(pi1, r * n, n, uDot, 0, scale1, out, o1);
            ActionLogits.addCurvature(pi1, r * n, pi1Dot, r * n, n, v, o1, u, 0, scale1, out, o1);

            for (int a2 = 0; a2 < m; a2++) {
                double acc = 0;
                double accDot = 0;
                for (int a1 = 0; a1 < n; a1++) {
                    int j = base + a1 * m + a2;
                    acc += mix1[r * n + a1] * c[j];
                    accDot += mix1Dot[r * n + a1] * c[j] + mix1[r * n + a1] * coefDot[j];
                }
                u[a2] = acc;
                uDot[a2] = accDot;
            }
            int o2 = dim1 + s2 * perState2;
            ActionLogits.addVjp(pi2, s2 * m, m, uDot, 0, scale2, out, o2);
            ActionLogits.addCurvature(pi2, s2 * m, pi2Dot, s2 * m, m, v, o2, u, 0, scale2, out, o2);
        }
    }
}
