package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * LOLA in the first-order Taylor form of Foerster et al. 2018 ("Learning with Opponent-Learning Awareness", AAMAS,
 * eq. 4 with the stop-gradient of their exact implementation): for agent i against j,
 * grad_i V_i + eta (d/dtheta_i grad_j V_j) grad_j V_i — one Hessian-vector product of V_j along (0, grad_j V_i).
 *
 * <p>The {@code full} form also differentiates grad_j V_i (no stop-gradient), adding
 * eta (d/dtheta_i grad_j V_i) grad_j V_j, which is the LookAhead term; it is the gradient of the first-order Taylor
 * expansion V_i + eta grad_j V_i . grad_j V_j.
 *
 * @param eta       the opponent step size the agent anticipates
 * @param full      whether to add the LookAhead term
 * @param estimator exact or sampled (one estimate at the current point for all terms)
 */
public record TaylorLola(double eta, boolean full, EstimatorSpec estimator) implements LearningRule {

    public TaylorLola {
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
                terms.compute(est, full, true);
                for (int c = 0; c < out.length; c++) {
                    out[c] = terms.naive[c];
                }
                for (int c = 0; c < out.length; c++) {
                    out[c] += eta * terms.shaping[c];
                }
                if (full) {
                    for (int c = 0; c < out.length; c++) {
                        out[c] += eta * terms.lookAhead[c];
                    }
                }
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new TaylorLola(eta, full, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "lola-taylor(eta=" + eta + (full ? ", full" : "") + ", " + estimator + ")";
    }
}
