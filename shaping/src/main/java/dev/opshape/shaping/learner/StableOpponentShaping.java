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
    public LearningRule exactCounterpart() {
        return estimator.isExact() ? this : new StableOpponentShaping(eta, a, b, EstimatorSpec.EXACT);
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return estimator.estimatedBytes(game);
    }

    @Override
    public String describe() {
        return "sos(eta=" + eta + ", a=" + a + ", b=" + b + ", " + estimator + ")";
    }

    private final class Instance extends PointEstimateLearner {
        /** Both agents' terms: SOS's p is a joint quantity (see the class comment). */
        private final ShapingTerms[] terms = new ShapingTerms[2];
        private final int[] length = new int[2];

        Instance(IteratedGame game, int agent) {
            super(agent, estimator.create(game));
            for (int i = 0; i < 2; i++) {
                JointBlocks blocks = new JointBlocks(game, i);
                terms[i] = new ShapingTerms(blocks);
                length[i] = blocks.ownLength;
            }
        }

        @Override
        public void direction(double[] theta, UpdateKey key, double[] out) {
            load(theta, key);
            terms[0].compute(est, true, true);
            terms[1].compute(est, true, true);
            double dot = 0;
            double laNorm2 = 0;
            double xiNorm2 = 0;
            for (int i = 0; i < 2; i++) {
                ShapingTerms t = terms[i];
                for (int c = 0; c < length[i]; c++) {
                    // LA_i = grad_i V_i + eta H^{V_i}_{ij} grad_j V_j;  chi_i = H^{V_j}_{ij} grad_j V_i
                    double la = t.naive[c] + eta * t.lookAhead[c];
                    dot += eta * t.shaping[c] * la;
                    laNorm2 += la * la;
                    xiNorm2 += t.naive[c] * t.naive[c];
                }
            }
            double p1 = dot >= 0 ? 1.0 : Math.min(1.0, -a * laNorm2 / dot);
            double p2 = Math.sqrt(xiNorm2) < b ? xiNorm2 : 1.0;
            double p = Math.min(p1, p2);
            ShapingTerms own = terms[agent];
            for (int c = 0; c < length[agent]; c++) {
                out[c] = own.naive[c] + eta * own.lookAhead[c] + p * eta * own.shaping[c];
            }
        }
    }
}
