package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;

/**
 * Exact derivatives for a finite horizon of T moves: V_i^T = sum_{t &lt; T} gamma^t p_t . r_i with p_0 = q0 and
 * p_t = p_{t-1} P (the distribution of the t-th move's joint outcome).
 *
 * <p>Backward: X^(0) = 0, X^(h) = r_i + gamma P X^(h-1) (expected discounted reward of the next h moves, by the
 * current outcome), so V_i^T = q0 . X^(T). Differentiating the products of P gives the row coefficients
 * c_{i,0} = X^(T) and c_{i,1+j} = sum_{a=0}^{T-2} gamma^(a+1) p_a[j] X^(T-1-a). A direction is pushed through the
 * same recursions (p_a' = p_{a-1}' P + p_{a-1} P', X^(h)' = gamma (P' X^(h-1) + P X^(h-1)')). Every step is
 * O(T S^2) with S = n m joint outcomes.
 */
final class FiniteHorizonEvaluator extends RowCoefficientEvaluator {

    private final double gamma;
    private final int horizon;
    /** gamma^a for a = 0..T. */
    private final double[] gammaPow;
    /** p_a by move: dist[a * S + j], a = 0..T-1. */
    private final double[] dist;
    /** X^(h) per agent: back[i][h * S + j], h = 0..T. */
    private final double[][] back;
    private final double[] distDot;
    private final double[] backDot;

    FiniteHorizonEvaluator(IteratedGame game) {
        super(game);
        this.gamma = game.gamma();
        this.horizon = game.horizon();
        int s = numOutcomes;
        this.gammaPow = new double[horizon + 1];
        gammaPow[0] = 1.0;
        for (int a = 1; a <= horizon; a++) {
            gammaPow[a] = gammaPow[a - 1] * gamma;
        }
        this.dist = new double[horizon * s];
        this.back = new double[2][(horizon + 1) * s];
        this.distDot = new double[horizon * s];
        this.backDot = new double[(horizon + 1) * s];
    }

    @Override
    protected void prepare() {
        int s = numOutcomes;
        System.arraycopy(q, 0, dist, 0, s);
        for (int a = 1; a < horizon; a++) {
            int prev = (a - 1) * s;
            int cur = a * s;
            for (int k = 0; k < s; k++) {
                dist[cur + k] = 0.0;
            }
            for (int j = 0; j < s; j++) {
                double pj = dist[prev + j];
                if (pj != 0.0) {
                    int row = (j + 1) * s;
                    for (int k = 0; k < s; k++) {
                        dist[cur + k] += pj * q[row + k];
                    }
                }
            }
        }
        for (int agent = 0; agent < 2; agent++) {
            double[] x = back[agent];
            double[] r = reward[agent];
            for (int k = 0; k < s; k++) {
                x[k] = 0.0;
            }
            for (int h = 1; h <= horizon; h++) {
                int prev = (h - 1) * s;
                int cur = h * s;
                for (int j = 0; j < s; j++) {
                    double acc = 0;
                    int row = (j + 1) * s;
                    for (int k = 0; k < s; k++) {
                        acc += q[row + k] * x[prev + k];
                    }
                    x[cur + j] = r[j] + gamma * acc;
                }
            }
            double v = 0;
            int top = horizon * s;
            for (int j = 0; j < s; j++) {
                v += q[j] * x[top + j];
            }
            values[agent] = v;

            double[] c = coef[agent];
            System.arraycopy(x, top, c, 0, s);
            for (int j = 0; j < s; j++) {
                int base = (j + 1) * s;
                for (int k = 0; k < s; k++) {
                    c[base + k] = 0.0;
                }
                for (int a = 0; a <= horizon - 2; a++) {
                    double w = gammaPow[a + 1] * dist[a * s + j];
                    if (w != 0.0) {
                        int xb = (horizon - 1 - a) * s;
                        for (int k = 0; k < s; k++) {
                            c[base + k] += w * x[xb + k];
                        }
                    }
                }
            }
        }
    }

    @Override
    protected void directionalCoefficients(int agent) {
        int s = numOutcomes;
        // p_a' = p_{a-1}' P + p_{a-1} P'
        System.arraycopy(qDot, 0, distDot, 0, s);
        for (int a = 1; a < horizon; a++) {
            int prev = (a - 1) * s;
            int cur = a * s;
            for (int k = 0; k < s; k++) {
                distDot[cur + k] = 0.0;
            }
            for (int j = 0; j < s; j++) {
                double pj = dist[prev + j];
                double pjDot = distDot[prev + j];
                int row = (j + 1) * s;
                for (int k = 0; k < s; k++) {
                    distDot[cur + k] += pjDot * q[row + k] + pj * qDot[row + k];
                }
            }
        }
        // X^(h)' = gamma (P' X^(h-1) + P X^(h-1)')
        double[] x = back[agent];
        for (int k = 0; k < s; k++) {
            backDot[k] = 0.0;
        }
        for (int h = 1; h <= horizon; h++) {
            int prev = (h - 1) * s;
            int cur = h * s;
            for (int j = 0; j < s; j++) {
                double acc = 0;
                int row = (j + 1) * s;
                for (int k = 0; k < s; k++) {
                    acc += qDot[row + k] * x[prev + k] + q[row + k] * backDot[prev + k];
                }
                backDot[cur + j] = gamma * acc;
            }
        }
        System.arraycopy(backDot, horizon * s, coefDot, 0, s);
        for (int j = 0; j < s; j++) {
            int base = (j + 1) * s;
            for (int k = 0; k < s; k++) {
                coefDot[base + k] = 0.0;
            }
            for (int a = 0; a <= horizon - 2; a++) {
                double w = gammaPow[a + 1] * dist[a * s + j];
                double wDot = gammaPow[a + 1] * distDot[a * s + j];
                int xb = (horizon - 1 - a) * s;
                for (int k = 0; k < s; k++) {
                    coefDot[base + k] += wDot * x[xb + k] + w * backDot[xb + k];
                }
            }
        }
    }

    @Override
    public double stateValue(int agent, int row, int movesLeft) {
        if (movesLeft < 0 || movesLeft > horizon) {
            throw new IllegalArgumentException("movesLeft = " + movesLeft + "; must be in [0, " + horizon + "]");
        }
        double v = 0;
        int base = row * numOutcomes;
        int xb = movesLeft * numOutcomes;
        for (int j = 0; j < numOutcomes; j++) {
            v += q[base + j] * back[agent][xb + j];
        }
        return v;
    }

    @Override
    public void outcomeOccupancy(double[] out) {
        int s = numOutcomes;
        double mass = 0;
        for (int j = 0; j < s; j++) {
            out[j] = 0.0;
        }
        for (int a = 0; a < horizon; a++) {
            mass += gammaPow[a];
            for (int j = 0; j < s; j++) {
                out[j] += gammaPow[a] * dist[a * s + j];
            }
        }
        for (int j = 0; j < s; j++) {
            out[j] /= mass;
        }
    }
}
