package dev.opshape.shaping.meta;

import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.tabular.TabularProblem;

/**
 * The estimators of a K-step meta-gradient's three parts, each exact or sampled from its own spec: one per inner
 * step for the first-order steps ({@code inner}), one per inner step for the backward pass's second-order products
 * ({@code hessian}, kept at theta_k), and one for the outer gradient ({@code outer}). When both the inner and the
 * Hessian parts are exact, step k's inner evaluator (still at theta_k after the forward pass) serves its products.
 *
 * <p>Sampled part p at inner step k of estimate j of work unit u draws from stream
 * {@link StreamIndex#of StreamIndex.of(u, j, 0, p, k)} under the caller's seed (the outer gradient at step 0), so that
 * estimators compared on one (seed, u, j) see the same trajectories wherever their points agree (common random
 * numbers). Allocation happens in the constructor only. Not thread-safe.
 */
final class EstimatedParts {

    private final GradientEstimator[] inner;
    /** Per step the product estimator, or null where the inner one (exact, so loaded at theta_k) serves. */
    private final GradientEstimator[] hessian;
    private final GradientEstimator outer;
    private long seed;
    private int unit;
    private int sample;

    /**
     * @param problem the problem every estimator is created for
     * @param steps   K, the number of inner steps
     * @throws IllegalArgumentException if a spec reuses samples (every part takes fresh batches)
     */
    EstimatedParts(TabularProblem problem, int steps, EstimatorSpec innerSpec, EstimatorSpec hessianSpec,
                   EstimatorSpec outerSpec) {
        for (EstimatorSpec spec : new EstimatorSpec[] {innerSpec, hessianSpec, outerSpec}) {
            if (spec.reusesSamples()) {
                throw new IllegalArgumentException(spec + " reuses samples; the meta-gradient parts take fresh "
                        + "batches (offpolicy = 0)");
            }
        }
        this.inner = new GradientEstimator[Math.max(steps, 0)];
        this.hessian = new GradientEstimator[inner.length];
        boolean shared = innerSpec.isExact() && hessianSpec.isExact();
        for (int k = 0; k < inner.length; k++) {
            inner[k] = innerSpec.create(problem);
            hessian[k] = shared ? null : hessianSpec.create(problem);
        }
        this.outer = outerSpec.create(problem);
    }

    /** Keys the streams of the next estimate: seed, work unit u in [0, 65536) and estimate j in [0, 2^24). */
    void key(long seed, int unit, int sample) {
        this.seed = seed;
        this.unit = unit;
        this.sample = sample;
    }

    /** The seed of the current estimate. */
    long seed() {
        return seed;
    }

    /** The stream of a part at inner step k of the current estimate. */
    long stream(StreamIndex.Part part, int k) {
        return StreamIndex.of(unit, sample, 0, part, k);
    }

    /** Step k's inner estimator, loaded at phi (a sampled one draws its batch there). */
    GradientEstimator inner(int k, double[] phi) {
        inner[k].setPoint(phi, seed, stream(StreamIndex.Part.INNER, k));
        return inner[k];
    }

    /**
     * Step k's product estimator at phi = theta_k: the inner one where both parts are exact (it holds theta_k since
     * the forward pass), else the Hessian part's, loaded at phi.
     */
    GradientEstimator hessian(int k, double[] phi) {
        GradientEstimator products = hessian[k];
        if (products == null) {
            return inner[k];
        }
        products.setPoint(phi, seed, stream(StreamIndex.Part.HESSIAN, k));
        return products;
    }

    /** The outer estimator, loaded at phi. */
    GradientEstimator outer(double[] phi) {
        outer.setPoint(phi, seed, stream(StreamIndex.Part.OUTER, 0));
        return outer;
    }

    /** Gives every inner-loop estimator (inner and Hessian parts, not the outer one) player 0's rewards by cell. */
    void setInnerRewards(double[] byCell) {
        for (int k = 0; k < inner.length; k++) {
            inner[k].setRewards(0, byCell);
            if (hessian[k] != null) {
                hessian[k].setRewards(0, byCell);
            }
        }
    }
}
