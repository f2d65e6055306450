package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;

/**
 * The configuration of a sampled estimator: surrogate, batch size, trajectory length, baseline (and the noisy
 * baseline's scale) and off-policy reuse. Immutable; written {@code dice/128} or {@code lvc/512} in agent specs (the
 * other fields come from separate keys).
 *
 * @param surrogate DiCE or LVC
 * @param batch     B, fresh trajectories per estimate, &gt;= 1
 * @param horizon   T, moves per trajectory, &gt;= 1: the estimates are of the T-move value's derivatives
 * @param baseline  the variance-reduction baseline
 * @param buffer    0 for on-policy estimates; otherwise the capacity (in trajectories, &gt;= batch) of a FIFO replay
 *                  buffer: each estimate adds its B fresh trajectories and uses the whole buffer with importance
 *                  weights
 * @param clip      largest per-step importance ratio (+infinity: no clipping); used only with a buffer
 * @param noise     scale of the {@linkplain BaselineKind#NOISY noisy} baseline's error (finite, &gt;= 0; ignored by
 *                  the other baselines)
 * @param prefill   with a buffer: batches of B drawn into the empty buffer at the first point, before its first
 *                  estimate (the seed paper's warm start, 8 batches from the initial policies); prefill x batch &lt;=
 *                  buffer; 0 without a buffer
 * @param shared    with a buffer: whether the learners of a pairing share one buffer (the seed paper's: both agents'
 *                  lookaheads push into and read one FIFO); false without a buffer
 */
public record SampledEstimatorSpec(Surrogate surrogate, int batch, int horizon, BaselineKind baseline, int buffer,
                                   double clip, double noise, int prefill, boolean shared) implements EstimatorSpec {

    /** Defaults of the LOLA-DiCE papers: batch 128, T = 150. */
    public static final int DEFAULT_BATCH = 128;
    public static final int DEFAULT_HORIZON = 150;
    /** Default scale of the noisy baseline's error: the seed paper's 1. */
    public static final double DEFAULT_NOISE = 1.0;

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
        if (!(noise >= 0.0 && noise < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("noise = " + noise + "; the baseline's error scale must be a finite "
                    + "number >= 0");
        }
        if (prefill < 0 || (long) prefill * batch > buffer && prefill > 0) {
            throw new IllegalArgumentException("prefill = " + prefill + "; must be >= 0 and fill at most the replay "
                    + "buffer (" + buffer + " trajectories, batches of " + batch + ")");
        }
        if (shared && buffer == 0) {
            throw new IllegalArgumentException("replay = shared needs a replay buffer (offpolicy > 0)");
        }
        if ((long) Math.max(batch, buffer) * horizon > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch x horizon = " + Math.max(batch, buffer) + " x " + horizon
                    + " moves do not fit in memory");
        }
    }

    /** The spec without pre-fill, with the buffer (if any) the estimator's own. */
    public SampledEstimatorSpec(Surrogate surrogate, int batch, int horizon, BaselineKind baseline, int buffer,
                                double clip, double noise) {
        this(surrogate, batch, horizon, baseline, buffer, clip, noise, 0, false);
    }

    /** The spec with the default noise scale (which only the noisy baseline reads). */
    public SampledEstimatorSpec(Surrogate surrogate, int batch, int horizon, BaselineKind baseline, int buffer,
                                double clip) {
        this(surrogate, batch, horizon, baseline, buffer, clip, DEFAULT_NOISE);
    }

    /**
     * Per move of the batch (and of the replay buffer): the cell (4 bytes), the importance weight, ratio and mask of
     * the surrogate (17), the joint log-probability of a replayed move and the intended cell of a noisy one (12), with
     * room to spare; per step of the horizon: the surrogate's per-cell counts and weights and per-state terms.
     */
    @Override
    public long estimatedBytes(TabularProblem problem) {
        long moves = (long) Math.max(batch, buffer) * horizon;
        long cells = problem.model().numCells();
        long states = problem.model().numStates();
        return moves * 40 + (long) horizon * (20 * cells + 16 * states);
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
                + (baseline == BaselineKind.NOISY ? ", noise=" + noise : "")
                + (buffer > 0 ? ", offpolicy=" + buffer + (Double.isInfinite(clip) ? "" : ", clip=" + clip)
                + (prefill > 0 ? ", prefill=" + prefill : "") + (shared ? ", replay=shared" : "") : "")
                + ")";
    }
}
