package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Competitive gradient descent (Schaefer and Anandkumar 2019, "Competitive Gradient Descent", NeurIPS), in the form
 * of the Stable Opponent Shaping code: in loss form (I + eta H_o)^-1 xi, H_o the Jacobian of the simultaneous
 * gradient with its diagonal blocks zeroed (the players' cross terms only). In value form (g = -xi, J = -H; see
 * {@link GameJacobian}) the ascent direction is (I - eta J_o)^-1 g. A joint rule: the agent follows its own block.
 *
 * <p>The system is solved directly ({@link DenseSolver}, LU with partial pivoting) after forming J from 2 d
 * Hessian-vector products: for the IPD's 10 logits that is a 10 x 10 solve; the rule refuses games with more than
 * {@link DenseSolver#MAX_DIMENSION} joint logits, where a Krylov solver over Hessian-vector products would be the
 * right tool.
 *
 * @param eta       the step inside the inverse (the code uses the learning rate, 1)
 * @param estimator exact or sampled
 */
public record CompetitiveGradientDescent(double eta, EstimatorSpec estimator) implements LearningRule {

    public CompetitiveGradientDescent {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; must be a finite number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        GameJacobian jac = new GameJacobian(game.layout());
        DenseSolver solver = new DenseSolver(jac.dim, "cgd");
        return new JacobianLearner(agent, estimator.create(game), jac) {
            @Override
            protected void jointDirection(double[] out) {
                double[] a = solver.matrix();
                int d = jac.dim;
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        boolean cross = jac.isPlayer(0, r) != jac.isPlayer(0, c);
                        a[r * d + c] = (r == c ? 1.0 : 0.0) - (cross ? eta * jac.jacobian[r * d + c] : 0.0);
                    }
                }
                if (!solver.factor()) {
                    throw new IllegalStateException("cgd: I - eta J_o is singular at this point");
                }
                solver.solve(jac.g, out);
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new CompetitiveGradientDescent(eta, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "cgd(eta=" + eta + ", " + estimator + ")";
    }
}
