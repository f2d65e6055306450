package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * LookAhead (Zhang and Lesser 2010, "Multi-Agent Learning with Policy Prediction", AAAI; first-order form of
 * Letcher et al. 2019, "Stable Opponent Shaping in Differentiable Games", ICLR): the agent anticipates the
 * opponent's naive step but does not shape it, grad_i V_i + eta (d/dtheta_i grad_j V_i) grad_j V_j with the
 * opponent's gradient held fixed. One Hessian-vector product of V_i along (0, grad_j V_j).
 *
 * @param eta       the anticipated opponent step size
 * @param estimator exact or sampled
 */
public record LookAhead(double eta, EstimatorSpec estimator) implements LearningRule {

    public LookAhead {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; the lookahead step must be a finite number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        ShapingTerms terms = new ShapingTerms(new JointBlocks(game, agent));
        return new PointEstimateLearner(agent, estimator.create(game)) {

            @Override
            public void direction(double[] theta, UpdateKey key, double[] out) {
                load(theta, key);
                terms.compute(est, true, false);
                for (int c = 0; c < out.length; c++) {
                    out[c] = terms.naive[c] + eta * terms.lookAhead[c];
                }
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new LookAhead(eta, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "la(eta=" + eta + ", " + estimator + ")";
    }
}
