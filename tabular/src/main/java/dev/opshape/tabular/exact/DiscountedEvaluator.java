package dev.opshape.tabular.exact;

import dev.opshape.tabular.TabularProblem;

/**
 * The general exact kernel for the infinite, discounted horizon.
 *
 * <p>With P_pi the S x S state-transition matrix under the current policies (P_pi[s][s'] = sum_a q_s(a)
 * P(s' | s, a)), p0 the start distribution and M = I - gamma P_pi: the state values are x_i = M^-1 R_i with
 * R_i(s) = sum_a q_s(a) r_i(s, a), V_i = p0 . x_i, the discounted state visits are y = M^-T p0, and the action values
 * Q_i(s, a) = r_i(s, a) + gamma sum_s' P(s' | s, a) x_i(s'). The cell coefficients are c_{i,s}(a) = y_s Q_i(s, a)
 * (dV_i = sum_s y_s sum_a dq_s(a) Q_i(s, a)). Along a direction with row derivatives q_s':
 * M x_i' = (sum_a q_s'(a) Q_i(s, a))_s, M^T y' = gamma P_pi'^T y, and
 * c_{i,s}'(a) = y_s' Q_i(s, a) + y_s gamma sum_s' P(s' | s, a) x_i'(s').
 *
 * <p>M is factorised once per point ({@link LuFactors}: no pivoting is needed) and every solve reuses the factors.
 */
final class DiscountedEvaluator extends TabularEvaluator {

    private final double gamma;
    /** LU factors of M in place: strictly lower part = L (unit diagonal), upper part = U. */
    private final double[] lu;
    /** 1 / U_kk. */
    private final double[] inversePivot;
    /** State values per player, and action values by cell per player. */
    private final double[][] x;
    private final double[][] actionValue;
    private final double[] y;
    private final double[] xDot;
    private final double[] yDot;

    DiscountedEvaluator(TabularProblem problem) {
        super(problem);
        this.gamma = problem.gamma();
        int s = numStates;
        this.lu = new double[s * s];
        this.inversePivot = new double[s];
        this.x = new double[numPlayers][s];
        this.actionValue = new double[numPlayers][numCells];
        this.y = new double[s];
        this.xDot = new double[s];
        this.yDot = new double[s];
    }

    @Override
    protected void prepareCoefficients() {
        int n = numStates;
        for (int i = 0; i < n * n; i++) {
            lu[i] = 0.0;
        }
        for (int s = 0; s < n; s++) {
            lu[s * n + s] = 1.0;
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                double qa = q[base + a];
                if (qa == 0.0) {
                    continue;
                }
                for (int k = transitionOffset[base + a]; k < transitionOffset[base + a + 1]; k++) {
                    lu[s * n + nextState[k]] -= gamma * (qa * nextProbability[k]);
                }
            }
        }
        LuFactors.factorise(lu, inversePivot, n);
        for (int player = 0; player < numPlayers; player++) {
            double[] xp = x[player];
            double[] r = reward[player];
            rowSums(q, r, 0, xp, 0);
            solve(xp);
            double v = 0.0;
            for (int s = 0; s < n; s++) {
                v += start[s] * xp[s];
            }
            values[player] = v;
            double[] qv = actionValue[player];
            for (int c = 0; c < numCells; c++) {
                qv[c] = r[c] + gamma * expectedNext(c, xp);
            }
        }
        System.arraycopy(start, 0, y, 0, n);
        solveTransposed(y);
        for (int player = 0; player < numPlayers; player++) {
            double[] cp = coef[player];
            double[] qv = actionValue[player];
            for (int s = 0; s < n; s++) {
                double w = y[s];
                int base = s * numJoint;
                for (int a = 0; a < numJoint; a++) {
                    cp[base + a] = w * qv[base + a];
                }
            }
        }
    }

    /** sum_s' P(s' | cell) z(s'). */
    private double expectedNext(int cell, double[] z) {
        if (singleNext != null) {
            return z[singleNext[cell]];
        }
        double acc = 0.0;
        for (int k = transitionOffset[cell]; k < transitionOffset[cell + 1]; k++) {
            acc += nextProbability[k] * z[nextState[k]];
        }
        return acc;
    }

    @Override
    protected void directionalCoefficients(int player) {
        int n = numStates;
        double[] qv = actionValue[player];
        // M x' = (sum_a q_s'(a) Q(s, a))_s
        rowSums(qDot, qv, 0, xDot, 0);
        solve(xDot);
        occupancyTangent();
        for (int s = 0; s < n; s++) {
            double w = y[s];
            double wDot = yDot[s];
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                int c = base + a;
                coefDot[c] = wDot * qv[c] + w * (gamma * expectedNext(c, xDot));
            }
        }
    }

    /** y' from M^T y' = gamma P'^T y, with P' from the row derivatives in {@link #qDot}. */
    private void occupancyTangent() {
        int n = numStates;
        for (int s = 0; s < n; s++) {
            yDot[s] = 0.0;
        }
        for (int s = 0; s < n; s++) {
            double w = gamma * y[s];
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                double d = w * qDot[base + a];
                if (d == 0.0) {
                    continue;
                }
                for (int k = transitionOffset[base + a]; k < transitionOffset[base + a + 1]; k++) {
                    yDot[nextState[k]] += d * nextProbability[k];
                }
            }
        }
        solveTransposed(yDot);
    }

    @Override
    protected void stateVisits(double[] out) {
        System.arraycopy(y, 0, out, 0, numStates);
    }

    @Override
    protected void stateVisitsDirectional(double[] out) {
        occupancyTangent();
        System.arraycopy(yDot, 0, out, 0, numStates);
    }

    @Override
    public double stateValue(int player, int state, int movesLeft) {
        return x[player][state];
    }

    @Override
    public void stateOccupancy(double[] out) {
        for (int s = 0; s < numStates; s++) {
            out[s] = (1.0 - gamma) * y[s];
        }
    }

    @Override
    public void jointActionOccupancy(double[] out) {
        for (int a = 0; a < numJoint; a++) {
            out[a] = 0.0;
        }
        for (int s = 0; s < numStates; s++) {
            double w = (1.0 - gamma) * y[s];
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                out[a] += w * q[base + a];
            }
        }
    }

    /** b := M^-1 b. */
    private void solve(double[] b) {
        int s = numStates;
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
        int s = numStates;
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
