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
    void addScoreTerms(ScorePass pass, double[] cellDot, double[] cellScore) {
        int steps = pass.steps;
        int[] cell = pass.cell;
        int[] scored = pass.scored;
        for (int b = 0; b < pass.count; b++) {
            int base = b * steps;
            double suffix = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int idx = base + t;
                int c = cell[idx];
                suffix += pass.omega(t, idx, c);
                if (pass.flows(idx)) {
                    int s = scored[idx];
                    cellScore[s] += (suffix - pass.beta(t, idx, c)) * cellDot[s];
                }
            }
        }
    }
}
