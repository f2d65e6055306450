package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;

/**
 * The configuration of a sampled estimator: surrogate, batch size, trajectory length, baseline and off-policy
 * reuse. Immutable; written {@code dice/128} or {@code lvc/512} in agent specs (the other fields come from
 * separate keys).
 *
 * @param surrogate DiCE or LVC
 * @param batch     B, fresh trajectories per estimate, &gt;= 1
 * @param horizon   T, moves per trajectory, &gt;= 1: the estimates are of the T-move value's derivatives
 * @param baseline  the variance-reduction baseline
 * @param buffer    0 for on-policy estimates; otherwise the capacity (in trajectories, &gt;= batch) of a FIFO replay
 *                  buffer: each estimate adds its B fresh trajectories and uses the whole buffer with importance
 *                  weights
 * @param clip      largest per-step importance ratio (+infinity: no clipping); used only with a buffer
 */
public record SampledEstimatorSpec(Surrogate surrogate, int batch, int horizon, BaselineKind baseline, int buffer,
                                   double clip) implements EstimatorSpec {

    /** Defaults of the LOLA-DiCE papers: batch 128, T = 150. */
    public static final int DEFAULT_BATCH = 128;
    public static final int DEFAULT_HORIZON = 150;

    public SampledEstimatorSpec {
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + "; the batch size must be >= 1");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon = " + horizon + "; trajectories need >= 1 move");
        }
        if (buffer != 0 && buffer < batch) {
            throw new IllegalArgumentException("offpolicy = " + buffer + "; the replay buffer must hold at least "
                    + "one batch (" + batch + " trajectories), or be 0 for on-policy estimates");
        }
        if (buffer > 0 && !surrogate.hasOffPolicyForm()) {
            throw new IllegalArgumentException("offpolicy = " + buffer + "; " + surrogate.name() + " has no "
                    + "off-policy form, so it cannot replay trajectories (use offpolicy = 0)");
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip = " + clip + "; the importance-ratio clip must be > 0");
        }
        if ((long) Math.max(batch, buffer) * horizon > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch x horizon = " + Math.max(batch, buffer) + " x " + horizon
                    + " moves do not fit in memory");
        }
    }

    @Override
    public GradientEstimator create(TabularProblem problem) {
        return new SampledEstimator(problem.withHorizon(horizon), this);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public boolean reusesSamples() {
        return buffer > 0;
    }

    /** For example {@code dice/128(T=150, baseline=mean)}. */
    @Override
    public String toString() {
        return surrogate + "/" + batch + "(T=" + horizon + ", baseline=" + baseline
                + (buffer > 0 ? ", offpolicy=" + buffer + (Double.isInfinite(clip) ? "" : ", clip=" + clip) : "")
                + ")";
    }
}
