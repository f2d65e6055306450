package dev.opshape.shaping.learner;

import dev.opshape.shaping.estimator.GradientEstimator;

/**
 * A learner whose every term comes from one estimate at the current point (NL, Taylor LOLA, LookAhead, SOS), as
 * opposed to LOLA-K, which also estimates at looked-ahead points. It owns the estimator: {@link #reset()} resets
 * it, and {@link #load} places it at the current point with the agent's outer random stream of the update.
 */
abstract class PointEstimateLearner implements Learner {

    /** 0 for agent 1, 1 for agent 2. */
    protected final int agent;
    /** The estimator of every value, gradient and Hessian-vector product the rule uses. */
    protected final GradientEstimator est;

    PointEstimateLearner(int agent, GradientEstimator est) {
        this.agent = agent;
        this.est = est;
    }

    @Override
    public final int agent() {
        return agent;
    }

    @Override
    public final boolean learns() {
        return true;
    }

    @Override
    public final void reset() {
        est.reset();
    }

    /** Loads the estimator at the joint point, sampling (if it samples) from this agent's outer stream. */
    protected final void load(double[] theta, UpdateKey key) {
        est.setPoint(theta, key.seed(),
                StreamIndex.of(key.run(), key.update(), agent, StreamIndex.Part.OUTER, 0));
    }
}
