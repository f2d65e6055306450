package dev.opshape.shaping.estimator;

/**
 * The sampled surrogate objectives whose derivatives estimate those of the value. Notation (per trajectory, moves
 * t = 0..T-1): l_t = log pi1(a1_t | s1_t) + log pi2(a2_t | s2_t), S_t = sum_{u &lt;= t} l_u, c_t = gamma^t r_t,
 * G_t = sum_{t' &gt;= t} c_t' and MB(x) = exp(x - stopgrad(x)) (the DiCE magic box: value 1, derivative dx).
 */
public enum Surrogate {
    /**
     * DiCE (Foerster et al. 2018, "DiCE: The Infinitely Differentiable Monte Carlo Estimator", ICML):
     * L = mean_b sum_t c_t MB(S_t). Its gradient, sum_t grad l_t G_t, and its Hessian,
     * sum_t c_t (grad S_t grad S_t^T + hess S_t), are unbiased for the T-move value's gradient and Hessian;
     * the Hessian has high variance (cross-time products of scores).
     */
    DICE("dice"),
    /**
     * LVC, low variance curvature (Rothfuss et al. 2019, "ProMP: Proximal Meta-Policy Search", ICLR):
     * L = mean_b sum_t MB(l_t) G_t. Same gradient as DiCE; Hessian sum_t G_t (grad l_t grad l_t^T + hess l_t),
     * which keeps only the same-time terms of DiCE's Hessian: lower variance, but biased (it drops
     * sum_{u != u'} grad l_u grad l_u'^T G_max(u,u')).
     */
    LVC("lvc");

    private final String display;

    Surrogate(String display) {
        this.display = display;
    }

    /** The name used in specs, {@code dice} or {@code lvc}. */
    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
