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
        JointBlocks blocks = new JointBlocks(game, agent);
        double[] gradOwn = new double[blocks.dim];
        double[] gradOpp = new double[blocks.dim];
        double[] dir = new double[blocks.dim];
        double[] hv = new double[blocks.dim];
        return new PointEstimateLearner(agent, estimator.create(game)) {

            @Override
            public void direction(double[] theta1, double[] theta2, UpdateKey key, double[] out) {
                int i = blocks.agent;
                int j = blocks.opponent;
                load(theta1, theta2, key);
                est.gradient(i, gradOwn);
                blocks.own(gradOwn, out);
                // Shaping term: (d/dtheta_i grad_j V_j) grad_j V_i.
                blocks.opponentPart(gradOwn, dir);
                est.hessianVectorProduct(j, dir, hv);
                for (int c = 0; c < blocks.ownLength; c++) {
                    out[c] += eta * hv[blocks.ownOffset + c];
                }
                if (full) {
                    // LookAhead term: (d/dtheta_i grad_j V_i) grad_j V_j.
                    est.gradient(j, gradOpp);
                    blocks.opponentPart(gradOpp, dir);
                    est.hessianVectorProduct(i, dir, hv);
                    for (int c = 0; c < blocks.ownLength; c++) {
                        out[c] += eta * hv[blocks.ownOffset + c];
                    }
                }
            }
        };
    }

    @Override
    public String describe() {
        return "lola-taylor(eta=" + eta + (full ? ", full" : "") + ", " + estimator + ")";
    }
}
