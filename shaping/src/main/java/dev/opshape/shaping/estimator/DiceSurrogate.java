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
    void addScoreTerms(BatchSurrogate batch, int player, double[] cellDot, double[] cellScore) {
        int steps = batch.steps;
        int numCells = batch.numCells;
        int numStates = batch.numStates;
        int[] cell = batch.cells();
        int[] scored = batch.scoredCells();
        int[] cellState = batch.cellState;
        double[] sw = batch.stepWeight(player);
        double[] st = batch.stateTerm(player);
        boolean state = batch.hasStateTerm(player);
        boolean offPolicy = batch.offPolicy();
        double[] weight = batch.weight;
        double[] ratio = batch.ratio;
        boolean[] active = batch.active;
        double[] sigma = batch.sigma;
        for (int b = 0; b < batch.count(); b++) {
            int base = b * steps;
            double prefix = 0;
            for (int t = 0; t < steps; t++) {
                int idx = base + t;
                if (!offPolicy || active[idx]) {
                    prefix += cellDot[scored[idx]];
                }
                sigma[t] = prefix;
            }
            double suffix = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                double omega = sw[t * numCells + c];
                if (offPolicy) {
                    omega *= weight[idx];
                }
                suffix += omega * sigma[t];
                if (offPolicy && !active[idx]) {
                    continue;
                }
                double beta = 0;
                if (state) {
                    beta = st[t * numStates + cellState[c]];
                    if (offPolicy) {
                        beta *= ratio[idx];
                    }
                }
                int s = scored[idx];
                cellScore[s] += suffix - beta * cellDot[s];
            }
        }
    }
}
