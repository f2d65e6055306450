package dev.opshape.shaping.bias;

import dev.opshape.shaping.learner.LookaheadLola;

import java.util.Objects;

/**
 * One estimator configuration of a bias study: a sampled LOLA-K meta-gradient (which parts are sampled, with which
 * surrogate, batch sizes and baseline) and the exact LOLA-K meta-gradient it estimates (same K and eta).
 *
 * @param label     how the configuration is named in tables and plots, for example {@code dice}
 * @param k         lookahead steps K
 * @param eta       lookahead step size
 * @param batch     the batch size the sampled parts use unless they set their own (for sweeps and plots)
 * @param estimated the sampled learning rule
 */
public record BiasConfiguration(String label, int k, double eta, int batch, LookaheadLola estimated) {

    public BiasConfiguration {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(estimated, "estimated");
        if (estimated.lookahead() != k || estimated.eta() != eta) {
            throw new IllegalArgumentException("the sampled rule's K and eta must be the configuration's");
        }
    }

    /** The exact meta-gradient this configuration estimates. */
    public LookaheadLola exact() {
        return LookaheadLola.exact(k, eta);
    }
}
