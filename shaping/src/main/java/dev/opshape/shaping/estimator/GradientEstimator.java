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

    /**
     * Replaces player i's reward table for the estimates after the next {@link #setPoint}: the same problem with
     * other rewards (a meta-parameter that shapes the reward, such as LIRPG's intrinsic reward). A sampled
     * estimator's trajectories do not depend on the rewards; its rewards, returns and value baselines do.
     *
     * @param player the player
     * @param byCell rewards by cell c = s * A + a (length S * A, finite; copied)
     * @throws IllegalArgumentException      if the player, the length or a reward is invalid
     * @throws UnsupportedOperationException if the estimator's exact kernel is specialised to the model's rewards
     *                                       (the iterated 2 x 2 games' kernel)
     */
    default void setRewards(int player, double[] byCell) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot change its rewards");
    }

    /**
     * Writes the (estimated) derivative along v of the discounted cell visits D(c) = sum_t gamma^t P(c_t = c) into
     * {@code out} (length S * A, overwritten; v, a joint vector, read only): the mixed derivative
     * d/dr_i(c) (grad V_i . v) for every player i, which meta-gradients through a reward-shaping meta-parameter need.
     *
     * @throws UnsupportedOperationException if the estimator does not provide it
     */
    default void cellVisitsDirectional(double[] v, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not estimate cell visits");
    }

    /** True if the results carry no sampling error. */
    boolean isExact();

    /**
     * True if the estimator replays samples, is configured to pre-fill its buffer and the buffer is empty: the
     * caller should then call {@link #prefill} before the next {@link #setPoint}.
     */
    default boolean awaitsPrefill() {
        return false;
    }

    /**
     * Fills the empty replay buffer with the configured number of batches drawn at theta from the stream (seed,
     * stream), which must differ from every stream of {@link #setPoint} (the seed paper's warm start, from the
     * initial policies). Does not load a point.
     *
     * @throws UnsupportedOperationException if the estimator has no buffer to pre-fill
     */
    default void prefill(double[] theta, long seed, long stream) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no replay buffer to pre-fill");
    }

    /**
     * Fills the empty replay buffer with the configured number P of batches, batch j drawn at
     * points[max(0, n - P + j)] (n = points.length &gt;= 1, oldest first), all from the stream (seed, stream): the
     * buffer of a training run that visited those points.
     *
     * @throws UnsupportedOperationException if the estimator has no buffer to pre-fill
     */
    default void prefill(double[][] points, long seed, long stream) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no replay buffer to pre-fill");
    }

    /**
     * Makes this estimator push into and read {@code owner}'s replay buffer instead of its own (the seed paper's one
     * buffer for both agents of a pairing), from the next {@link #setPoint} on.
     *
     * @return false, changing nothing, if either estimator has no buffer to share or the buffers do not fit (other
     * capacity, trajectory length or problem)
     */
    default boolean shareReplay(GradientEstimator owner) {
        return false;
    }

    /**
     * Kish's effective sample size of the last load's importance weights (sum w)^2 / sum w^2, w the weight of each
     * trajectory's whole history: the batch size for an on-policy sampled estimate, NaN for an exact estimator.
     */
    default double effectiveSampleSize() {
        return Double.NaN;
    }
}
