package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Extragradient (Korpelevich 1976; for games, Gidel et al. 2019, "A Variational Inequality Perspective on
 * Generative Adversarial Networks", ICLR): every player first takes a naive step of size eta, then follows its own
 * gradient at that extrapolated point: the ascent direction is g(theta + eta g(theta)), g the simultaneous gradient
 * (grad_1 V_1, grad_2 V_2). The agent extrapolates both players, as the joint rule does. A sampled estimator
 * estimates the second gradient from fresh trajectories (the update's inner stream).
 *
 * @param eta       extrapolation step (the Stable Opponent Shaping code uses the learning rate, 1)
 * @param estimator exact or sampled
 */
public record ExtraGradient(double eta, EstimatorSpec estimator) implements LearningRule {

    public ExtraGradient {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; the extrapolation step must be a finite number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        int dim = game.layout().dimension();
        int[] offset = {game.layout().offset(0), game.layout().offset(1)};
        int[] length = {game.layout().dimension(0), game.layout().dimension(1)};
        double[] grad = new double[dim];
        double[] ahead = new double[dim];
        return new PointEstimateLearner(agent, estimator.create(game)) {
            @Override
            public void direction(double[] theta, UpdateKey key, double[] out) {
                load(theta, key);
                System.arraycopy(theta, 0, ahead, 0, dim);
                for (int i = 0; i < 2; i++) {
                    est.gradient(i, grad);
                    for (int k = offset[i]; k < offset[i] + length[i]; k++) {
                        ahead[k] += eta * grad[k];
                    }
                }
                est.setPoint(ahead, key.seed(), StreamIndex.of(key.run(), key.update(), agent,
                        StreamIndex.Part.INNER, 0));
                est.gradient(agent, grad);
                System.arraycopy(grad, offset[agent], out, 0, length[agent]);
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new ExtraGradient(eta, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "eg(eta=" + eta + ", " + estimator + ")";
    }
}
