package dev.opshape.shaping.estimator;

/**
 * Values, gradients and Hessian-vector products of both agents' values at one point of the joint parameter space,
 * either exact or estimated from a batch of trajectories sampled at that point.
 *
 * <p>Vectors are over the concatenated logits (theta1, theta2). An estimator is a mutable, caller-owned workspace:
 * {@link #setPoint} loads a point (a sampled estimator draws its batch there, from the random stream
 * (seed, stream)), after which the queries may be called any number of times; they allocate nothing. Not
 * thread-safe: one instance per thread.
 */
public interface GradientEstimator {

    /** Length of agent 1's logit vector. */
    int dimension1();

    /** Length of the joint vectors: agent 1's logits then agent 2's. */
    int dimension();

    /**
     * Loads the point (theta1, theta2). A sampled estimator draws a fresh batch from the stream keyed by
     * (seed, stream); an exact one ignores both.
     */
    void setPoint(double[] theta1, double[] theta2, long seed, long stream);

    /**
     * Moves to the point (theta1, theta2) WITHOUT drawing new samples: a sampled estimator re-weights the
     * trajectories it holds by importance ratios between the point and the policies that drew them (unbiased, see
     * the off-policy weighting of the sampled estimators); an exact one simply evaluates there.
     */
    void revisit(double[] theta1, double[] theta2);

    /**
     * Forgets every state carried from one estimate to the next (a replay buffer's trajectories, a learned
     * baseline), so that the next estimates are independent of the earlier ones. Exact estimators have none.
     */
    default void reset() {
    }

    /** The (estimated) value V_agent at the loaded point (0 = agent 1, 1 = agent 2). */
    double value(int agent);

    /** Writes the (estimated) gradient of V_agent over all logits into {@code out} (overwritten). */
    void gradient(int agent, double[] out);

    /**
     * Writes the (estimated) Hessian of V_agent over all logits times {@code v} into {@code out} (overwritten;
     * v is read only).
     */
    void hessianVectorProduct(int agent, double[] v, double[] out);

    /** True if the results carry no sampling error. */
    boolean isExact();
}
