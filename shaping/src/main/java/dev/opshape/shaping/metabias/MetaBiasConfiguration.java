package dev.opshape.shaping.metabias;

import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.tabular.TabularProblem;

/**
 * One configuration of a meta-gradient bias study: which estimator samples which parts, with how many steps, step
 * size, batch size and injected Hessian error.
 *
 * @param estimator   the estimator spec as the user wrote it, for example {@code lvc:baseline=none}
 * @param sampled     the estimator every sampled part uses (its own batch of {@code batch} trajectories of the
 *                    study's horizon)
 * @param parts       which parts are sampled
 * @param k           inner steps K &gt;= 0
 * @param lr          inner step size alpha (finite)
 * @param batch       trajectories per sampled part
 * @param hessianBias c of the injected Hessian error (0: none)
 */
public record MetaBiasConfiguration(String estimator, EstimatorSpec sampled, MetaParts parts, int k, double lr,
                                    int batch, double hessianBias) {

    /** A fresh meta-gradient of this configuration on a problem (a workspace for one thread). */
    public MetaAlgorithm.Estimate newMetaGradient(MetaAlgorithm algorithm, TabularProblem problem) {
        return algorithm.create(problem, k, lr, part(parts.innerSampled()), part(parts.hessianSampled()),
                part(parts.outerSampled()), hessianBias);
    }

    private EstimatorSpec part(boolean isSampled) {
        return isSampled ? sampled : EstimatorSpec.EXACT;
    }
}
