package dev.opshape.shaping.estimator;

/**
 * DiCE (Foerster et al. 2018, "DiCE: The Infinitely Differentiable Monte Carlo Estimator", ICML):
 * L = mean_b sum_t c_t MB(S_t). Its gradient, sum_t grad l_t G_t, and its Hessian,
 * sum_t c_t (grad S_t grad S_t^T + hess S_t), are unbiased for the T-move value's gradient and Hessian; the Hessian
 * has high variance (cross-time products of scores).
 *
 * <p>Score part of H v, per trajectory: sum_u grad l_u (Q_u - beta_u d_u) with d_u = grad l_u . v,
 * sigma_t = sum_{u &lt;= t} d_u and Q_u = sum_{t &gt;= u} omega_t sigma_t (omega_t the weighted reward term): a forward
 * pass for sigma, a backward pass for the suffix sums Q. Off-policy, a clipped step contributes no score.
 */
final class DiceSurrogate extends Surrogate {

    /** The one instance. */
    static final DiceSurrogate INSTANCE = new DiceSurrogate();

    private DiceSurrogate() {
        super("dice", "DiCE (Foerster et al. 2018): unbiased gradient and Hessian, high-variance Hessian");
    }

    @Override
    void addScoreTerms(ScorePass pass, double[] cellDot, double[] cellScore) {
        int steps = pass.steps;
        int[] cell = pass.cell;
        int[] scored = pass.scored;
        double[] sigma = pass.sigma;
        for (int b = 0; b < pass.count; b++) {
            int base = b * steps;
            double prefix = 0;
            for (int t = 0; t < steps; t++) {
                int idx = base + t;
                if (pass.flows(idx)) {
                    prefix += cellDot[scored[idx]];
                }
                sigma[t] = prefix;
            }
            double suffix = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                suffix += pass.omega(t, idx, c) * sigma[t];
                if (pass.flows(idx)) {
                    int s = scored[idx];
                    cellScore[s] += suffix - pass.beta(t, idx, c) * cellDot[s];
                }
            }
        }
    }
}
