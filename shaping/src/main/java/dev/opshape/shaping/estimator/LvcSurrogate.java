package dev.opshape.shaping.estimator;

/**
 * LVC, low variance curvature (Rothfuss et al. 2019, "ProMP: Proximal Meta-Policy Search", ICLR):
 * L = mean_b sum_t MB(l_t) G_t. Same gradient as DiCE; Hessian sum_t G_t (grad l_t grad l_t^T + hess l_t), which keeps
 * only the same-time terms of DiCE's Hessian: lower variance, but biased (it drops
 * sum_{u != u'} grad l_u grad l_u'^T G_max(u,u')).
 *
 * <p>Score part of H v, per trajectory: sum_u (G_u - beta_u) grad l_u (grad l_u . v), one backward pass.
 */
final class LvcSurrogate extends Surrogate {

    /** The one instance. */
    static final LvcSurrogate INSTANCE = new LvcSurrogate();

    private LvcSurrogate() {
        super("lvc", "LVC (Rothfuss et al. 2019): DiCE's gradient, same-time Hessian terms only (biased, low "
                + "variance)");
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
        for (int b = 0; b < batch.count(); b++) {
            int base = b * steps;
            double suffix = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                double omega = sw[t * numCells + c];
                if (offPolicy) {
                    omega *= weight[idx];
                }
                suffix += omega;
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
                cellScore[s] += (suffix - beta) * cellDot[s];
            }
        }
    }
}
