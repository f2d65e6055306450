package dev.opshape.shaping.estimator;

import dev.opshape.tabular.TabularProblem;

/**
 * How one part of a learner's computation obtains its derivatives: exactly, or from a sampled estimator with its
 * own configuration. Immutable and thread-safe; {@link #create} makes a fresh, caller-owned workspace.
 */
public interface EstimatorSpec {

    /** The exact estimator. */
    EstimatorSpec EXACT = new EstimatorSpec() {
        @Override
        public GradientEstimator create(TabularProblem problem) {
            return new ExactGradients(problem);
        }

        @Override
        public boolean isExact() {
            return true;
        }

        @Override
        public String toString() {
            return "exact";
        }
    };

    /** A new estimator workspace for the problem. */
    GradientEstimator create(TabularProblem problem);

    /** True if the estimator carries no sampling error. */
    boolean isExact();

    /**
     * True if its estimates reuse samples drawn at earlier points (a replay buffer), so that one estimator can
     * serve every step of a lookahead, revisiting each point by importance weighting.
     */
    default boolean reusesSamples() {
        return false;
    }

    /**
     * About how many bytes one estimator workspace of this spec holds for the problem (its trajectory arrays and
     * per-move working arrays; an exact estimator's few arrays count as 0), so that a command can refuse sizes that
     * cannot fit in the heap before any work starts.
     */
    default long estimatedBytes(TabularProblem problem) {
        return 0;
    }
}
