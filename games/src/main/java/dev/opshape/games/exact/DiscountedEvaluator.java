package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;

/**
 * Exact derivatives for the infinite, discounted horizon.
 *
 * <p>With P the S x S transition matrix (rows 1.. of q), q0 the first-move distribution (row 0) and M = I - gamma P:
 * x_i = M^-1 r_i, V_i = q0 . x_i and y = M^-T q0 (discounted visit weights of the outcomes). The row coefficients
 * are c_{i,0} = x_i and c_{i,1+j} = gamma y[j] x_i. Along a direction, M x_i' = gamma P' x_i and
 * M^T y' = q0' + gamma P'^T y, so c_{i,0}' = x_i' and c_{i,1+j}' = gamma (y'[j] x_i + y[j] x_i').
 *
 * <p>M is strictly diagonally dominant by rows (1 - gamma P_jj &gt; gamma (1 - P_jj) because gamma &lt; 1), so its
 * LU factorisation without pivoting exists and is stable; it is computed once per point, with the reciprocals of
 * the pivots, so that each of the several solves per point multiplies instead of dividing.
 *
 * <p>Any number of actions; 2 x 2 games use {@link DiscountedTwoByTwoEvaluator}, the same method written out.
 */
final class DiscountedEvaluator extends RowCoefficientEvaluator {

    private final double gamma;
    /** LU factors of M in place: strictly lower part = L (unit diagonal), upper part = U. */
    private final double[] lu;
    /** 1 / U_kk. */
    private final double[] inversePivot;
    private final double[][] x;
    private final double[] y;
    private final double[] xDot;
    private final double[] yDot;
    private final double[] rhs;

    DiscountedEvaluator(IteratedGame game) {
        super(game);
        this.gamma = game.gamma();
        int s = numOutcomes;
        this.lu = new double[s * s];
        this.inversePivot = new double[s];
        this.x = new double[2][s];
        this.y = new double[s];
        this.xDot = new double[s];
        this.yDot = new double[s];
        this.rhs = new double[s];
    }

    @Override
    protected void prepare() {
        int s = numOutcomes;
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                lu[i * s + j] = (i == j ? 1.0 : 0.0) - gamma * q[(i + 1) * s + j];
            }
        }
        factorise();
        for (int agent = 0; agent < 2; agent++) {
            System.arraycopy(reward[agent], 0, x[agent], 0, s);
            solve(x[agent]);
            double v = 0;
            for (int j = 0; j < s; j++) {
                v += q[j] * x[agent][j];
            }
            values[agent] = v;
        }
        System.arraycopy(q, 0, y, 0, s);
        solveTransposed(y);
        for (int agent = 0; agent < 2; agent++) {
            double[] c = coef[agent];
            double[] xa = x[agent];
            System.arraycopy(xa, 0, c, 0, s);
            for (int j = 0; j < s; j++) {
                double w = gamma * y[j];
                int base = (j + 1) * s;
                for (int k = 0; k < s; k++) {
                    c[base + k] = w * xa[k];
                }
            }
        }
    }

    @Override
    protected void directionalCoefficients(int agent) {
        int s = numOutcomes;
        double[] xa = x[agent];
        // M x' = gamma P' x
        for (int j = 0; j < s; j++) {
            double acc = 0;
            int base = (j + 1) * s;
            for (int k = 0; k < s; k++) {
                acc += qDot[base + k] * xa[k];
            }
            xDot[j] = gamma * acc;
        }
        solve(xDot);
        // M^T y' = q0' + gamma P'^T y
        System.arraycopy(qDot, 0, rhs, 0, s);
        for (int j = 0; j < s; j++) {
            double w = gamma * y[j];
            int base = (j + 1) * s;
            for (int k = 0; k < s; k++) {
                rhs[k] += w * qDot[base + k];
            }
        }
        System.arraycopy(rhs, 0, yDot, 0, s);
        solveTransposed(yDot);
        System.arraycopy(xDot, 0, coefDot, 0, s);
        for (int j = 0; j < s; j++) {
            double w = gamma * y[j];
            double wDot = gamma * yDot[j];
            int base = (j + 1) * s;
            for (int k = 0; k < s; k++) {
                coefDot[base + k] = wDot * xa[k] + w * xDot[k];
            }
        }
    }

    @Override
    public double stateValue(int agent, int row, int movesLeft) {
        double v = 0;
        int base = row * numOutcomes;
        for (int j = 0; j < numOutcomes; j++) {
            v += q[base + j] * x[agent][j];
        }
        return v;
    }

    @Override
    public void outcomeOccupancy(double[] out) {
        for (int j = 0; j < numOutcomes; j++) {
            out[j] = (1.0 - gamma) * y[j];
        }
    }

    /** Doolittle LU without pivoting (M is row diagonally dominant). */
    private void factorise() {
        int s = numOutcomes;
        for (int k = 0; k < s; k++) {
            double inverse = 1.0 / lu[k * s + k];
            inversePivot[k] = inverse;
            for (int i = k + 1; i < s; i++) {
                double l = lu[i * s + k] * inverse;
                lu[i * s + k] = l;
                if (l != 0.0) {
                    for (int j = k + 1; j < s; j++) {
                        lu[i * s + j] -= l * lu[k * s + j];
                    }
                }
            }
        }
    }

    /** b := M^-1 b. */
    private void solve(double[] b) {
        int s = numOutcomes;
        for (int i = 1; i < s; i++) {
            double acc = b[i];
            for (int j = 0; j < i; j++) {
                acc -= lu[i * s + j] * b[j];
            }
            b[i] = acc;
        }
        for (int i = s - 1; i >= 0; i--) {
            double acc = b[i];
            for (int j = i + 1; j < s; j++) {
                acc -= lu[i * s + j] * b[j];
            }
            b[i] = acc * inversePivot[i];
        }
    }

    /** b := M^-T b (M^T = U^T L^T). */
    private void solveTransposed(double[] b) {
        int s = numOutcomes;
        for (int i = 0; i < s; i++) {
            double acc = b[i];
            for (int j = 0; j < i; j++) {
                acc -= lu[j * s + i] * b[j];
            }
            b[i] = acc * inversePivot[i];
        }
        for (int i = s - 1; i >= 0; i--) {
            double acc = b[i];
            for (int j = i + 1; j < s; j++) {
                acc -= lu[j * s + i] * b[j];
            }
            b[i] = acc;
        }
    }
}
