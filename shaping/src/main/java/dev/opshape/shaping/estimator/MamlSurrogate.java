package dev.opshape.shaping.estimator;

/**
 * The MAML-RL surrogate (Finn et al. 2017, as the seed paper writes it): L = mean_b sum_t (G_t - beta_t) l_t, the
 * policy-gradient loss with the returns held constant. Its gradient is DiCE's, the score-function gradient; its
 * Hessian is sum_t (G_t - beta_t) hess l_t alone, the part every surrogate shares: it drops all products of scores
 * (grad l_u grad l_u'^T), so it is the most biased second-order estimate and the one with the least variance.
 *
 * <p>Score part of H v: none.
 */
final class MamlSurrogate extends Surrogate {

    /** The one instance. */
    static final MamlSurrogate INSTANCE = new MamlSurrogate();

    private MamlSurrogate() {
        super("maml", "MAML-RL (Finn et al. 2017): DiCE's gradient, no score products in the Hessian (biased, "
                + "lowest variance)");
    }

    @Override
    void addScoreTerms(ScorePass pass, double[] cellDot, double[] cellScore) {
        // The policy-gradient loss has no score outer products: nothing to add.
    }
}
