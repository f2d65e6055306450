package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.meta.UnrolledGradient;

/**
 * LOLA with K lookahead steps: the agent differentiates its value through K gradient steps of its opponent.
 *
 * <p>For agent i with opponent j at (theta_i, theta_j): theta_j^0 = theta_j,
 * theta_j^{k+1} = theta_j^k + eta grad_j V_j(theta_i, theta_j^k) for k &lt; K, and the direction is the total
 * derivative d/dtheta_i V_i(theta_i, theta_j^K(theta_i)). By the chain rule (Liu, Feng et al. 2022,
 * Proposition 3.1), with v_K = grad_j V_i(theta_i, theta_j^K) and for k = K-1 .. 0:
 * g += eta (d/dtheta_i grad_j V_j)(theta_i, theta_j^k)^T v_{k+1} and
 * v_k = v_{k+1} + eta (grad_jj V_j)(theta_i, theta_j^k) v_{k+1};
 * the direction is grad_i V_i(theta_i, theta_j^K) + g. Both products of a step are the two blocks of one
 * Hessian-vector product of V_j along (0, v_{k+1}), so the cost is K gradients, K Hessian-vector products and one
 * outer gradient. K = 0 is the naive learner. The recursion itself is {@link UnrolledGradient}'s, shared with the
 * meta-RL meta-gradients.
 *
 * <p>The three places an estimate enters are configured separately: the first-order lookahead steps
 * ({@code inner}: their sampling error is the compositional bias), the Hessian-vector products of the backward
 * pass ({@code hessian}: the multi-step Hessian bias) and the outer gradient ({@code outer}). With
 * {@code sharedInnerHessian} each lookahead step's products come from the same estimate as its first-order step
 * (one batch per step, as in the original LOLA-DiCE code); otherwise from an independent one. When the lookahead
 * estimator reuses samples (a replay buffer, the seed paper's off-policy correction), one estimator serves every
 * step: step k adds its fresh trajectories to the shared buffer and estimates on all of it, and the backward pass
 * revisits theta_j^k by importance weighting the whole buffer.
 *
 * @param lookahead          K &gt;= 0
 * @param eta                opponent step size in the lookahead
 * @param inner              estimator of the lookahead gradients
 * @param hessian            estimator of the backward-pass products (ignored when shared)
 * @param outer              estimator of the outer gradient
 * @param sharedInnerHessian whether each step's products reuse its first-order estimate
 */
public record LookaheadLola(int lookahead, double eta, EstimatorSpec inner, EstimatorSpec hessian,
                            EstimatorSpec outer, boolean sharedInnerHessian) implements LearningRule {

    public LookaheadLola {
        if (lookahead < 0) {
            throw new IllegalArgumentException("k = " + lookahead + "; the number of lookahead steps must be >= 0");
        }
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; the lookahead step must be a finite number");
        }
    }

    /** Exact LOLA-K. */
    public static LookaheadLola exact(int lookahead, double eta) {
        return new LookaheadLola(lookahead, eta, EstimatorSpec.EXACT, EstimatorSpec.EXACT, EstimatorSpec.EXACT,
                true);
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        return new Instance(game, agent);
    }

    @Override
    public LearningRule exactCounterpart() {
        return inner.isExact() && hessian.isExact() && outer.isExact() ? this
                : new LookaheadLola(lookahead, eta, EstimatorSpec.EXACT, EstimatorSpec.EXACT, EstimatorSpec.EXACT,
                sharedInnerHessian);
    }

    @Override
    public boolean replaysSamples() {
        return lookahead > 0 && inner.reusesSamples();
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        return inner.estimatedBytes(game) + hessian.estimatedBytes(game) + outer.estimatedBytes(game);
    }

    @Override
    public String describe() {
        String parts = sharedInnerHessian && inner.toString().equals(outer.toString())
                ? inner.toString()
                : "inner=" + inner + (sharedInnerHessian ? " (shared with hessian)" : ", hessian=" + hessian)
                + ", outer=" + outer;
        return "lola(k=" + lookahead + ", eta=" + eta + ", " + parts + ")";
    }

    /**
     * One agent's LOLA-K workspace: the K-step recursion of {@link UnrolledGradient} with psi = the agent's own
     * logits and phi = the opponent's, its inner loop served by this rule's estimators (each part with its own
     * random streams, see {@link StreamIndex}).
     */
    private final class Instance implements Learner, UnrolledGradient.InnerLoop {
        private final JointBlocks blocks;
        private final UnrolledGradient unrolled;
        /**
         * One estimator per lookahead step when products are shared and samples are not reused (each stays loaded
         * at its step); otherwise one in all.
         */
        private final GradientEstimator[] innerEst;
        /** Whether the backward pass revisits the (single, buffered) inner estimator instead of step-k instances. */
        private final boolean revisit;
        private final GradientEstimator hessianEst;
        private final GradientEstimator outerEst;
        private final double[] opp;
        private final double[] point;
        private final double[] grad;
        private final double[] hv;
        private final double[] dir;
        /** The update whose streams the current direction draws from. */
        private UpdateKey key;
        /** The effective sample size of the last lookahead step's estimate (NaN without replay). */
        private double effectiveSize = Double.NaN;
        /** The points a pre-fill is drawn along (see {@link Learner#warmStart}), or null: at the first point. */
        private double[][] warmPath;

        Instance(IteratedGame game, int agent) {
            this.blocks = new JointBlocks(game, agent);
            this.unrolled = new UnrolledGradient(blocks.ownLength, blocks.oppLength, lookahead, eta);
            int steps = Math.max(lookahead, 1);
            this.revisit = sharedInnerHessian && inner.reusesSamples();
            this.innerEst = new GradientEstimator[sharedInnerHessian && !revisit ? steps : 1];
            for (int k = 0; k < innerEst.length; k++) {
                innerEst[k] = inner.create(game);
            }
            this.hessianEst = sharedInnerHessian ? null : hessian.create(game);
            this.outerEst = outer.create(game);
            this.opp = new double[blocks.oppLength];
            this.point = new double[blocks.dim];
            this.grad = new double[blocks.dim];
            this.hv = new double[blocks.dim];
            this.dir = new double[blocks.dim];
        }

        @Override
        public int agent() {
            return blocks.agent;
        }

        @Override
        public boolean learns() {
            return true;
        }

        @Override
        public void reset() {
            for (GradientEstimator est : innerEst) {
                est.reset();
            }
            if (hessianEst != null) {
                hessianEst.reset();
            }
            outerEst.reset();
        }

        /**
         * Shares the opponent's lookahead replay buffer when both rules ask for {@code replay=shared}: agent 2's
         * estimator adopts agent 1's buffer (the one linked in either call), so both lookaheads push into one FIFO in
         * the order the training loop computes the directions (agent 1's first), as in the seed paper's code. A
         * buffer that does not fit (other capacity or trajectory length) stays the agent's own.
         */
        @Override
        public void pairWith(Learner opponent) {
            if (!(opponent instanceof Instance other) || !sharesReplay() || !other.sharesReplay()) {
                return;
            }
            Instance first = blocks.agent == 0 ? this : other;
            Instance second = blocks.agent == 0 ? other : this;
            second.innerEst[0].shareReplay(first.innerEst[0]);
        }

        private boolean sharesReplay() {
            return inner instanceof SampledEstimatorSpec s && s.shared();
        }

        @Override
        public double effectiveSampleSize() {
            return effectiveSize;
        }

        @Override
        public void warmStart(double[][] history) {
            this.warmPath = history == null || history.length == 0 ? null : history;
        }

        @Override
        public void direction(double[] theta, UpdateKey updateKey, double[] out) {
            this.key = updateKey;
            blocks.opponent(theta, opp);
            // The own block stays put through the lookahead: copied once, then only the opponent's block moves (at).
            System.arraycopy(theta, 0, point, 0, blocks.dim);
            unrolled.compute(opp, this, out);
        }

        /** The joint point (own logits, the opponent's phi), in {@link #point}. */
        private double[] at(double[] phi) {
            blocks.placeOpponent(phi, point);
            return point;
        }

        private long stream(StreamIndex.Part part, int step) {
            return StreamIndex.of(key.run(), key.update(), blocks.agent, part, step);
        }

        @Override
        public void innerGradient(int k, double[] phi, double[] out) {
            GradientEstimator est = innerEst[innerEst.length > 1 ? k : 0];
            if (est.awaitsPrefill()) {
                // The first point a run's (or a bias estimate's) empty buffer sees: the initial policies.
                if (warmPath != null) {
                    est.prefill(warmPath, key.seed(), stream(StreamIndex.Part.PREFILL, 0));
                } else {
                    est.prefill(at(phi), key.seed(), stream(StreamIndex.Part.PREFILL, 0));
                }
            }
            est.setPoint(at(phi), key.seed(), stream(StreamIndex.Part.INNER, k));
            if (inner.reusesSamples()) {
                effectiveSize = est.effectiveSampleSize();
            }
            est.gradient(blocks.opponent, grad);
            blocks.opponent(grad, out);
        }

        @Override
        public void innerHessian(int k, double[] phi, double[] w, double[] outPsi, double[] outPhi) {
            GradientEstimator est;
            if (revisit) {
                est = innerEst[0];
                est.revisit(at(phi));
            } else if (sharedInnerHessian) {
                est = innerEst[k];
            } else {
                est = hessianEst;
                est.setPoint(at(phi), key.seed(), stream(StreamIndex.Part.HESSIAN, k));
            }
            blocks.opponentDirection(w, dir);
            est.hessianVectorProduct(blocks.opponent, dir, hv);
            blocks.own(hv, outPsi);
            blocks.opponent(hv, outPhi);
        }

        @Override
        public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
            outerEst.setPoint(at(phi), key.seed(), stream(StreamIndex.Part.OUTER, 0));
            outerEst.gradient(blocks.agent, grad);
            blocks.own(grad, outPsi);
            blocks.opponent(grad, outPhi);
        }
    }
}
