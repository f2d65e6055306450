package dev.opshape.shaping.learner;

import dev.opshape.shaping.estimator.GradientEstimator;

/**
 * The first-order shaping terms of one agent i against its opponent j at one loaded point, shared by Taylor LOLA,
 * LookAhead and SOS (each combines them with its own weights), all over the agent's own logits:
 * <ul>
 *   <li>{@link #naive}: grad_i V_i;</li>
 *   <li>{@link #lookAhead}: (d/dtheta_i grad_j V_i) grad_j V_j, the LookAhead term (the opponent's naive step,
 *       anticipated but not shaped): one Hessian-vector product of V_i along (0, grad_j V_j);</li>
 *   <li>{@link #shaping}: (d/dtheta_i grad_j V_j) grad_j V_i, LOLA's shaping term: one Hessian-vector product of
 *       V_j along (0, grad_j V_i).</li>
 * </ul>
 * A workspace: arrays allocated once, {@link #compute} allocates nothing.
 */
final class ShapingTerms {

    private final JointBlocks blocks;
    private final double[] gradOwn;
    private final double[] gradOpp;
    private final double[] dir;
    private final double[] hv;
    /** The terms over the agent's own logits, valid after {@link #compute}. */
    final double[] naive;
    final double[] lookAhead;
    final double[] shaping;

    ShapingTerms(JointBlocks blocks) {
        this.blocks = blocks;
        this.gradOwn = new double[blocks.dim];
        this.gradOpp = new double[blocks.dim];
        this.dir = new double[blocks.dim];
        this.hv = new double[blocks.dim];
        this.naive = new double[blocks.ownLength];
        this.lookAhead = new double[blocks.ownLength];
        this.shaping = new double[blocks.ownLength];
    }

    /**
     * Computes the naive gradient and the requested terms from the estimator, which must already be loaded at the
     * point (its queries are deterministic given the load, so the order of the products does not matter).
     */
    void compute(GradientEstimator est, boolean withLookAhead, boolean withShaping) {
        int i = blocks.agent;
        int j = blocks.opponent;
        est.gradient(i, gradOwn);
        blocks.own(gradOwn, naive);
        if (withShaping) {
            blocks.opponentPart(gradOwn, dir);
            est.hessianVectorProduct(j, dir, hv);
            blocks.own(hv, shaping);
        }
        if (withLookAhead) {
            est.gradient(j, gradOpp);
            blocks.opponentPart(gradOpp, dir);
            est.hessianVectorProduct(i, dir, hv);
            blocks.own(hv, lookAhead);
        }
    }
}
