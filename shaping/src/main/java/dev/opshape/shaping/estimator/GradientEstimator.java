package dev.opshape.shaping.estimator;

import dev.opshape.tabular.policy.ParameterLayout;

/**
 * Values, gradients and Hessian-vector products of every player's value at one point of the joint parameter space,
 * either exact or estimated from a batch of trajectories sampled at that point.
 *
 * <p>Vectors are over the joint parameter vector of {@link #layout()}. An estimator is a mutable, caller-owned
 * workspace: {@link #setPoint} loads a point (a sampled estimator draws its batch there, from the random stream
 * (seed, stream)), after which the queries may be called any number of times; they allocate nothing. Not
 * thread-safe: one instance per thread.
 */
public interface GradientEstimator {

    /** The layout of the joint vectors. */
    ParameterLayout layout();

    /** Length of the joint vectors. */
    default int dimension() {
        return layout().dimension();
    }

    /**
     * Loads the joint point theta (read, not retained). A sampled estimator draws a fresh batch from the stream keyed
     * by (seed, stream); an exact one ignores both.
     */
    void setPoint(double[] theta, long seed, long stream);

    /**
     * Moves to the joint point theta WITHOUT drawing new samples: a sampled estimator re-weights the trajectories it
     * holds by importance ratios between the point and the policies that drew them (unbiased, see the off-policy
     * weighting of the sampled estimators); an exact one simply evaluates there.
     */
    void revisit(double[] theta);

    /**
     * Forgets every state carried from one estimate to the next (a replay buffer's trajectories, a learned
     * baseline), so that the next estimates are independent of the earlier ones. Exact estimators have none.
     */
    default void reset() {
    }

    /** The (estimated) value V_player at the loaded point. */
    double value(int player);

    /** Writes the (estimated) gradient of V_player over the joint vector into {@code out} (overwritten). */
    void gradient(int player, double[] out);

    /**
     * Writes the (estimated) Hessian of V_player over the joint vector times {@code v} into {@code out} (overwritten;
     * v is read only).
     */
    void hessianVectorProduct(int player, double[] v, double[] out);

    /** True if the results carry no sampling error. */
    boolean isExact();
}
