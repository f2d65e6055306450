package dev.opshape.tabular.exact;

import dev.opshape.tabular.TabularProblem;

/**
 * The general exact kernel for a finite horizon of T moves: V_i^T = sum_{t &lt; T} gamma^t E[r_i(s_t, a_t)]
 * (gamma = 1 allowed).
 *
 * <p>Forward: p_0 = the start distribution, p_t(s') = sum_s p_{t-1}(s) sum_a q_s(a) P(s' | s, a) (the distribution
 * of the t-th move's state). Backward: X^(0) = 0, Q^(h)(s, a) = r_i(s, a) + gamma sum_s' P(s' | s, a) X^(h-1)(s')
 * and X^(h)(s) = sum_a q_s(a) Q^(h)(s, a) (the expected discounted reward of the next h moves from s), so
 * V_i^T = p0 . X^(T). The cell coefficients are c_{i,s}(a) = sum_{t &lt; T} gamma^t p_t(s) Q^(T-t)(s, a). A direction
 * is pushed through the same recursions: p_t' = p_{t-1}' P_pi + p_{t-1} P_pi', Q^(h)' = gamma P X^(h-1)' and
 * X^(h)' = sum_a (q_s' Q^(h) + q_s Q^(h)'). Every pass costs O(T (S A + nnz(P))).
 */
final class FiniteHorizonEvaluator extends TabularEvaluator {

    private final double gamma;
    private final int horizon;
    /** gamma^t for t = 0..T. */
    private final double[] gammaPow;
    /** p_t by move: dist[t * S + s], t = 0..T-1. */
    private final double[] dist;
    /** X^(h) per player: back[i][h * S + s], h = 0..T. */
    private final double[][] back;
    /** Q^(h) per player: actionValue[i][h * C + cell], h = 1..T (row 0 unused). */
    private final double[][] actionValue;
    private final double[] distDot;
    private final double[] backDot;
    private final double[] actionValueDot;

    FiniteHorizonEvaluator(TabularProblem problem) {
        super(problem);
        this.gamma = problem.gamma();
        this.horizon = problem.horizon();
        this.gammaPow = new double[horizon + 1];
        gammaPow[0] = 1.0;
        for (int t = 1; t <= horizon; t++) {
            gammaPow[t] = gammaPow[t - 1] * gamma;
        }
        int s = numStates;
        this.dist = new double[horizon * s];
        this.back = new double[numPlayers][(horizon + 1) * s];
        this.actionValue = new double[numPlayers][(horizon + 1) * numCells];
        this.distDot = new double[horizon * s];
        this.backDot = new double[(horizon + 1) * s];
        this.actionValueDot = new double[(horizon + 1) * numCells];
    }

    @Override
    protected void prepareCoefficients() {
        int n = numStates;
        System.arraycopy(start, 0, dist, 0, n);
        for (int t = 1; t < horizon; t++) {
            propagate(dist, (t - 1) * n, q, dist, t * n, false);
        }
        for (int player = 0; player < numPlayers; player++) {
            double[] x = back[player];
            double[] qv = actionValue[player];
            backward(reward[player], x, qv, null, null);
            double v = 0.0;
            for (int s = 0; s < n; s++) {
                v += start[s] * x[horizon * n + s];
            }
            values[player] = v;
            visitWeighted(dist, qv, null, null, coef[player]);
        }
    }

    /**
     * out[s A + a] = sum_{t &lt; T} gamma^t (p_t(s) values[(T - t) C + s A + a] + p'_t(s) valuesDot[...]): the
     * cell coefficients (without the second term when {@code distDot} is null) or their directional derivatives.
     */
    private void visitWeighted(double[] p, double[] values, double[] pDot, double[] valuesDot, double[] out) {
        int n = numStates;
        for (int c = 0; c < numCells; c++) {
            out[c] = 0.0;
        }
        for (int t = 0; t < horizon; t++) {
            int h = (horizon - t) * numCells;
            for (int s = 0; s < n; s++) {
                double w = gammaPow[t] * p[t * n + s];
                double wDot = pDot == null ? 0.0 : gammaPow[t] * pDot[t * n + s];
                if (w == 0.0 && wDot == 0.0) {
                    continue;
                }
                int base = s * numJoint;
                for (int a = 0; a < numJoint; a++) {
                    double term = w * values[h + base + a];
                    out[base + a] += pDot == null ? term : term + wDot * valuesDot[h + base + a];
                }
            }
        }
    }

    /**
     * The backward recursion X^(0) = 0, Q^(h) = r + gamma P X^(h-1), X^(h) = sum_a q Q^(h) into {@code x} and
     * {@code values} (by h), or, with {@code rowsDot} and {@code baseValues} given (and {@code r} null), its
     * directional derivative Q^(h)' = gamma P X^(h-1)', X^(h)' = sum_a (q Q^(h)' + q' Q^(h)).
     */
    private void backward(double[] r, double[] x, double[] values, double[] rowsDot, double[] baseValues) {
        int n = numStates;
        for (int s = 0; s < n; s++) {
            x[s] = 0.0;
        }
        for (int h = 1; h <= horizon; h++) {
            int prev = (h - 1) * n;
            int at = h * numCells;
            for (int s = 0; s < n; s++) {
                double acc = 0.0;
                int base = s * numJoint;
                for (int a = 0; a < numJoint; a++) {
                    int c = base + a;
                    double next = gamma * expectedNext(c, x, prev);
                    double value = r == null ? next : r[c] + next;
                    values[at + c] = value;
                    acc += rowsDot == null ? q[c] * value : rowsDot[c] * baseValues[at + c] + q[c] * value;
                }
                x[h * n + s] = acc;
            }
        }
    }

    /**
     * to[toAt + s'] = sum_s from[fromAt + s] sum_a rows[s * A + a] P(s' | s, a), or, with {@code add}, that sum
     * added to what to holds.
     */
    private void propagate(double[] from, int fromAt, double[] rows, double[] to, int toAt, boolean add) {
        int n = numStates;
        if (!add) {
            for (int s = 0; s < n; s++) {
                to[toAt + s] = 0.0;
            }
        }
        for (int s = 0; s < n; s++) {
            double ps = from[fromAt + s];
            if (ps == 0.0) {
                continue;
            }
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                double w = ps * rows[base + a];
                if (w == 0.0) {
                    continue;
                }
                if (singleNext != null) {
                    to[toAt + singleNext[base + a]] += w;
                    continue;
                }
                for (int k = transitionOffset[base + a]; k < transitionOffset[base + a + 1]; k++) {
                    to[toAt + nextState[k]] += w * nextProbability[k];
                }
            }
        }
    }

    /** sum_s' P(s' | cell) z[at + s']. */
    private double expectedNext(int cell, double[] z, int at) {
        if (singleNext != null) {
            return z[at + singleNext[cell]];
        }
        double acc = 0.0;
        for (int k = transitionOffset[cell]; k < transitionOffset[cell + 1]; k++) {
            acc += nextProbability[k] * z[at + nextState[k]];
        }
        return acc;
    }

    @Override
    protected void directionalCoefficients(int player) {
        forwardTangent();
        // Q^(h)' = gamma P X^(h-1)',  X^(h)' = sum_a (q' Q^(h) + q Q^(h)')
        double[] qv = actionValue[player];
        backward(null, backDot, actionValueDot, qDot, qv);
        // c' = sum_t gamma^t (p_t' Q^(T-t) + p_t Q^(T-t)')
        visitWeighted(distDot, qv, dist, actionValueDot, coefDot);
    }

    /** p_t' = p_{t-1}' P + p_{t-1} P' for every move (p_0' = 0: the start does not depend on the logits). */
    private void forwardTangent() {
        int n = numStates;
        for (int s = 0; s < n; s++) {
            distDot[s] = 0.0;
        }
        for (int t = 1; t < horizon; t++) {
            propagate(distDot, (t - 1) * n, q, distDot, t * n, false);
            propagate(dist, (t - 1) * n, qDot, distDot, t * n, true);
        }
    }

    @Override
    protected void stateVisits(double[] out) {
        discountedSum(dist, out);
    }

    @Override
    protected void stateVisitsDirectional(double[] out) {
        forwardTangent();
        discountedSum(distDot, out);
    }

    /** out[s] = sum_{t &lt; T} gamma^t p[t * S + s]. */
    private void discountedSum(double[] p, double[] out) {
        int n = numStates;
        for (int s = 0; s < n; s++) {
            out[s] = 0.0;
        }
        for (int t = 0; t < horizon; t++) {
            for (int s = 0; s < n; s++) {
                out[s] += gammaPow[t] * p[t * n + s];
            }
        }
    }

    @Override
    public double stateValue(int player, int state, int movesLeft) {
        if (movesLeft < 0 || movesLeft > horizon) {
            throw new IllegalArgumentException("movesLeft = " + movesLeft + "; must be in [0, " + horizon + "]");
        }
        return back[player][movesLeft * numStates + state];
    }

    @Override
    public void stateOccupancy(double[] out) {
        int n = numStates;
        double mass = 0.0;
        for (int s = 0; s < n; s++) {
            out[s] = 0.0;
        }
        for (int t = 0; t < horizon; t++) {
            mass += gammaPow[t];
            for (int s = 0; s < n; s++) {
                out[s] += gammaPow[t] * dist[t * n + s];
            }
        }
        for (int s = 0; s < n; s++) {
            out[s] /= mass;
        }
    }

    @Override
    public void jointActionOccupancy(double[] out) {
        int n = numStates;
        double mass = 0.0;
        for (int a = 0; a < numJoint; a++) {
            out[a] = 0.0;
        }
        for (int t = 0; t < horizon; t++) {
            mass += gammaPow[t];
            for (int s = 0; s < n; s++) {
                double w = gammaPow[t] * dist[t * n + s];
                int base = s * numJoint;
                for (int a = 0; a < numJoint; a++) {
                    out[a] += w * q[base + a];
                }
            }
        }
        for (int a = 0; a < numJoint; a++) {
            out[a] /= mass;
        }
    }
}
