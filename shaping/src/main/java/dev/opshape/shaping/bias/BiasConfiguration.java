package dev.opshape.shaping.bias;

import dev.opshape.shaping.learner.LookaheadLola;

import java.util.Objects;

/**
 * One estimator configuration of a bias study: a sampled LOLA-K meta-gradient (which parts are sampled, with which
 * surrogate, batch sizes and baseline) and the exact LOLA-K meta-gradient it estimates (same K and eta).
 *
 * @param estimator the estimator spec as the user wrote it, for example {@code dice:baseline=exact}
 * @param variant   the ablation variant: empty for the estimator itself, {@code inner exact} or
 *                  {@code hessian exact} for its decomposition (see {@link BiasSweep})
 * @param k         lookahead steps K
 * @param eta       lookahead step size
 * @param batch     the batch size the sampled parts use unless they set their own (for sweeps and plots)
 * @param estimated the sampled learning rule
 */
public record BiasConfiguration(String estimator, String variant, int k, double eta, int batch,
                                LookaheadLola estimated) {

    public BiasConfiguration {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(estimated, "estimated");
        if (estimated.lookahead() != k || estimated.eta() != eta) {
            throw new IllegalArgumentException("the sampled rule's K and eta must be the configuration's");
        }
    }

    /** How the configuration is named in tables and plots: the estimator spec, with the variant's key if any. */
    public String label() {
        return variant.isEmpty() ? estimator : estimator + ":" + variant.replace(" ", "=");
    }

    /** The exact meta-gradient this configuration estimates. */
    public LookaheadLola exact() {
        return LookaheadLola.exact(k, eta);
    }
}
