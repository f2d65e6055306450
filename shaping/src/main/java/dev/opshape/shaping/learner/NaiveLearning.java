package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * The naive learner (NL): follows the gradient of its own value, grad_i V_i, treating the opponent as fixed.
 *
 * @param estimator exact, or a sampled estimator (then NL is a policy-gradient learner)
 */
public record NaiveLearning(EstimatorSpec estimator) implements LearningRule {

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        JointBlocks blocks = new JointBlocks(game, agent);
        double[] grad = new double[blocks.dim];
        return new PointEstimateLearner(agent, estimator.create(game)) {

            @Override
            public void direction(double[] theta, UpdateKey key, double[] out) {
                load(theta, key);
                est.gradient(agent, grad);
                blocks.own(grad, out);
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new NaiveLearning(EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "nl(" + estimator + ")";
    }
}
