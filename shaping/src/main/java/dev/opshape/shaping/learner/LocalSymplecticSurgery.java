package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Local symplectic surgery (LSS; Mazumdar, Jordan and Sastry 2019, "On Finding Local Nash Equilibria (and Only
 * Local Nash Equilibria) in Zero-Sum Games"), in the form of the Stable Opponent Shaping code: in loss form
 * (1/2)(I + H^T H^-1) xi, with H^-1 replaced by (H^T H + reg I)^-1 H^T where H is singular. In value form (g = -xi,
 * J = -H; see {@link GameJacobian}) the ascent direction is (g + J^T J^-1 g) / 2, or (g + J^T (J^T J + reg I)^-1
 * J^T g) / 2. The code tests for an exactly zero determinant; in floating point this rule takes the regularised form
 * when the LU factorisation finds a pivot below {@link DenseSolver#SINGULAR} times the matrix's largest entry.
 * Solved directly after forming J (see {@link CompetitiveGradientDescent} for the size limit). A joint rule.
 *
 * @param reg       the regulariser of the singular case (the code's 0.1)
 * @param estimator exact or sampled
 */
public record LocalSymplecticSurgery(double reg, EstimatorSpec estimator) implements LearningRule {

    /** The regulariser of the Stable Opponent Shaping code. */
    public static final double DEFAULT_REG = 0.1;

    public LocalSymplecticSurgery {
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException("reg = " + reg + "; the regulariser must be a positive number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        GameJacobian jac = new GameJacobian(game.layout());
        DenseSolver solver = new DenseSolver(jac.dim, "lss");
        double[] y = new double[jac.dim];
        double[] jty = new double[jac.dim];
        double[] jtg = new double[jac.dim];
        return new JacobianLearner(agent, estimator.create(game), jac) {
            @Override
            protected void jointDirection(double[] out) {
                int d = jac.dim;
                double[] a = solver.matrix();
                System.arraycopy(jac.jacobian, 0, a, 0, d * d);
                if (solver.factor()) {
                    // y = J^-1 g
                    solver.solve(jac.g, y);
                } else {
                    // y = (J^T J + reg I)^-1 J^T g
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < d; c++) {
                            double s = r == c ? reg : 0.0;
                            for (int k = 0; k < d; k++) {
                                s += jac.jacobian[k * d + r] * jac.jacobian[k * d + c];
                            }
                            a[r * d + c] = s;
                        }
                    }
                    if (!solver.factor()) {
                        throw new IllegalStateException("lss: J^T J + reg I is singular at this point");
                    }
                    jac.transposeTimes(jac.g, jtg);
                    solver.solve(jtg, y);
                }
                jac.transposeTimes(y, jty);
                for (int k = 0; k < d; k++) {
                    out[k] = (jac.g[k] + jty[k]) / 2;
                }
            }
        };
    }

    @Override
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new LocalSymplecticSurgery(reg, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "lss(reg=" + reg + ", " + estimator + ")";
    }
}
