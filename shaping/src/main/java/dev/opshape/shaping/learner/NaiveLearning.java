package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;

/**
 * The naive learner (NL): follows the gradient of its own value, grad_i V_i, treating the opponent as fixed.
 *
 * @param estimator exact, or a sampled estimator (then NL is a policy-gradient learner)
 */
public record NaiveLearning(EstimatorSpec estimator) implements LearningRule {

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        JointBlocks blocks = new JointBlocks(game, agent);
        GradientEstimator est = estimator.create(game);
        double[] grad = new double[blocks.dim];
        return new Learner() {
            @Override
            public int agent() {
                return agent;
            }

            @Override
            public boolean learns() {
                return true;
            }

            @Override
            public void reset() {
                est.reset();
            }

            @Override
            public void direction(double[] theta1, double[] theta2, UpdateKey key, double[] out) {
                est.setPoint(theta1, theta2, key.seed(),
                        StreamIndex.of(key.run(), key.update(), agent, StreamIndex.Part.OUTER, 0));
                est.gradient(agent, grad);
                blocks.own(grad, out);
            }
        };
    }

    @Override
    public String describe() {
        return "nl(" + estimator + ")";
    }
}
