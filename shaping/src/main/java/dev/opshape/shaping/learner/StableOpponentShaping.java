package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;

/**
 * Stable Opponent Shaping (Letcher et al. 2019, "Stable Opponent Shaping in Differentiable Games", ICLR,
 * Algorithm 1), written for value ascent. With xi = (grad_1 V_1, grad_2 V_2) the naive gradients, for each agent i
 * LA_i = grad_i V_i + eta (d/dtheta_i grad_j V_i) grad_j V_j (LookAhead) and
 * chi_i = (d/dtheta_i grad_j V_j) grad_j V_i (the LOLA shaping term); the direction is LA_i + p eta chi_i with
 * p = min(p1, p2), where p1 = 1 if eta chi . LA &gt;= 0 and otherwise min(1, -a |LA|^2 / (eta chi . LA)), and
 * p2 = |xi|^2 if |xi| &lt; b, else 1 (dot products and norms over both agents' blocks). p keeps the shaping term
 * from turning the update against LookAhead (which preserves the stable fixed points) while keeping LOLA's
 * shaping away from them.
 *
 * <p>p is a joint quantity: the SOS agent computes it from both agents' LA and chi as the paper does, which is
 * exactly the paper's algorithm in SOS self-play; against another learner, the agent still assumes the joint
 * update. The paper's defaults are a = 0.5, b = 0.1.
 *
 * @param eta       lookahead step (the paper's alpha)
 * @param a         alignment parameter in (0, 1)
 * @param b         gradient-norm threshold &gt; 0
 * @param estimator exact or sampled
 */
public record StableOpponentShaping(double eta, double a, double b, EstimatorSpec estimator)
        implements LearningRule {

    /** The defaults of Letcher et al. 2019. */
    public static final double DEFAULT_A = 0.5;
    public static final double DEFAULT_B = 0.1;

    public StableOpponentShaping {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; the lookahead step must be a finite number");
        }
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("a = " + a + "; SOS's alignment parameter must be in (0, 1)");
        }
        if (!(b > 0) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("b = " + b + "; SOS's threshold must be a positive number");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        return new Instance(game, agent);
    }

    @Override
    public String describe() {
        return "sos(eta=" + eta + ", a=" + a + ", b=" + b + ", " + estimator + ")";
    }

    private final class Instance extends PointEstimateLearner {
        private final int dim1;
        private final int dim;
        private final double[][] grad = new double[2][];
        private final double[] dir;
        private final double[] hv;
        /** Joint LookAhead and shaping vectors (each agent's own block filled). */
        private final double[] la;
        private final double[] chi;

        Instance(IteratedGame game, int agent) {
            super(agent, estimator.create(game));
            this.dim1 = game.dimension(0);
            this.dim = game.jointDimension();
            grad[0] = new double[dim];
            grad[1] = new double[dim];
            this.dir = new double[dim];
            this.hv = new double[dim];
            this.la = new double[dim];
            this.chi = new double[dim];
        }

        @Override
        public void direction(double[] theta1, double[] theta2, UpdateKey key, double[] out) {
            load(theta1, theta2, key);
            est.gradient(0, grad[0]);
            est.gradient(1, grad[1]);
            for (int i = 0; i < 2; i++) {
                int j = 1 - i;
                int ownFrom = i == 0 ? 0 : dim1;
                int ownTo = i == 0 ? dim1 : dim;
                int oppFrom = j == 0 ? 0 : dim1;
                int oppTo = j == 0 ? dim1 : dim;
                // LA_i = grad_i V_i + eta H^{V_i}_{ij} grad_j V_j
                java.util.Arrays.fill(dir, 0.0);
                System.arraycopy(grad[j], oppFrom, dir, oppFrom, oppTo - oppFrom);
                est.hessianVectorProduct(i, dir, hv);
                for (int c = ownFrom; c < ownTo; c++) {
                    la[c] = grad[i][c] + eta * hv[c];
                }
                // chi_i = H^{V_j}_{ij} grad_j V_i
                java.util.Arrays.fill(dir, 0.0);
                System.arraycopy(grad[i], oppFrom, dir, oppFrom, oppTo - oppFrom);
                est.hessianVectorProduct(j, dir, hv);
                for (int c = ownFrom; c < ownTo; c++) {
                    chi[c] = hv[c];
                }
            }
            double dot = 0;
            double laNorm2 = 0;
            double xiNorm2 = 0;
            for (int c = 0; c < dim; c++) {
                dot += eta * chi[c] * la[c];
                laNorm2 += la[c] * la[c];
                double xi = c < dim1 ? grad[0][c] : grad[1][c];
                xiNorm2 += xi * xi;
            }
            double p1 = dot >= 0 ? 1.0 : Math.min(1.0, -a * laNorm2 / dot);
            double p2 = Math.sqrt(xiNorm2) < b ? xiNorm2 : 1.0;
            double p = Math.min(p1, p2);
            int from = agent == 0 ? 0 : dim1;
            int to = agent == 0 ? dim1 : dim;
            for (int c = from; c < to; c++) {
                out[c - from] = la[c] + p * eta * chi[c];
            }
        }
    }
}
