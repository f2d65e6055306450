package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Consensus optimisation (Mescheder, Nowozin and Geiger 2017, "The Numerics of GANs", NeurIPS): in loss form
 * xi + gamma H^T xi, the simultaneous gradient plus the gradient of gamma |xi|^2 / 2. In value form (g = -xi,
 * J = -H; see {@link GameJacobian}) the ascent direction is g - gamma J^T g. A joint rule: the agent follows its own
 * block.
 *
 * @param gamma     weight of the consensus term (the Stable Opponent Shaping code's default 1)
 * @param estimator exact or sampled
 */
public record ConsensusOptimization(double gamma, EstimatorSpec estimator) implements LearningRule {

    /** The weight of the Stable Opponent Shaping code. */
    public static final double DEFAULT_GAMMA = 1.0;

    public ConsensusOptimization {
        if (!Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma = " + gamma + "; must be a finite number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        GameJacobian jac = new GameJacobian(game.layout());
        double[] jtg = new double[jac.dim];
        return new JacobianLearner(agent, estimator.create(game), jac) {
            @Override
            protected void jointDirection(double[] out) {
                jac.transposeTimes(jac.g, jtg);
                for (int k = 0; k < jac.dim; k++) {
                    out[k] = jac.g[k] - gamma * jtg[k];
                }
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new ConsensusOptimization(gamma, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "co(gamma=" + gamma + ", " + estimator + ")";
    }
}
