package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Symplectic gradient adjustment (Balduzzi et al. 2018, "The Mechanics of n-Player Differentiable Games", ICML), with
 * the sign rule of Letcher et al. 2019 ("Differentiable Game Mechanics", JMLR). In loss form, with xi the
 * simultaneous gradient and H its Jacobian, the update is xi + lambda A^T xi, A^T xi = (H^T xi - H xi) / 2 and
 * lambda = sign((xi . H^T xi)(A^T xi . H^T xi) / d + epsilon). In the value form used here (g = -xi, J = -H; see
 * {@link GameJacobian}) the ascent direction is g - lambda a with a = (J^T g - J g) / 2 and
 * lambda = sign(-(g . J^T g)(a . J^T g) / d + epsilon); d is the number of joint logits.
 *
 * <p>A joint rule: the agent computes it for both players and follows its own block (in self-play it is exactly
 * the paper's dynamics).
 *
 * @param epsilon   the alignment threshold (Letcher et al.'s default 0.1)
 * @param estimator exact or sampled
 */
public record SymplecticGradientAdjustment(double epsilon, EstimatorSpec estimator) implements LearningRule {

    /** The threshold of the Stable Opponent Shaping code. */
    public static final double DEFAULT_EPSILON = 0.1;

    public SymplecticGradientAdjustment {
        if (!Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + "; must be a finite number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        GameJacobian jac = new GameJacobian(game.layout());
        double[] jtg = new double[jac.dim];
        double[] jg = new double[jac.dim];
        double[] a = new double[jac.dim];
        return new JacobianLearner(agent, estimator.create(game), jac) {
            @Override
            protected void jointDirection(double[] out) {
                jac.transposeTimes(jac.g, jtg);
                jac.times(jac.g, jg);
                for (int k = 0; k < jac.dim; k++) {
                    a[k] = (jtg[k] - jg[k]) / 2;
                }
                double lambda = Math.signum(-GameJacobian.dot(jac.g, jtg) * GameJacobian.dot(a, jtg) / jac.dim
                        + epsilon);
                for (int k = 0; k < jac.dim; k++) {
                    out[k] = jac.g[k] - lambda * a[k];
                }
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new SymplecticGradientAdjustment(epsilon, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "sga(epsilon=" + epsilon + ", " + estimator + ")";
    }
}
