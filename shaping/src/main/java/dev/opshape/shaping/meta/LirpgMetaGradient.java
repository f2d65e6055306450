package dev.opshape.shaping.meta;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;

/**
 * The exact LIRPG meta-gradient of a single-agent tabular problem: an intrinsic reward eta (one entry per cell
 * c = s * A + a) shapes the inner learner, theta_{k+1} = theta_k + alpha grad_theta V_{r + eta}(theta_k) for k &lt; K,
 * and the meta-objective is the value under the extrinsic reward alone, V_r(theta_K); this class computes
 * d V_r(theta_K) / d eta.
 *
 * <p>In the terms of {@link UnrolledGradient}: psi = eta, phi = theta, f(eta, theta) = V_{r + eta}(theta),
 * F(eta, theta) = V_r(theta), so partial_psi F = 0. The value is linear in the reward, V_{r + eta} = sum_c D(c)
 * (r + eta)(c) with D the discounted cell visits, hence the mixed term (d/d eta grad_theta f)^T w = grad_theta D . w
 * per cell: {@link ExactEvaluator#cellVisitsDirectional}, which does not depend on eta. The result is
 * sum_k alpha (grad D(theta_k) . v_{k+1}) with v_K = grad V_r(theta_K) and v_k = (I + alpha H_{r + eta}(theta_k))
 * v_{k+1}: K Hessian-vector products and K directional cell-visit derivatives. theta_0 is fixed (it does not depend on
 * eta).
 *
 * <p>A workspace: K inner evaluators (rewards r + eta, set per call through {@link ExactEvaluator#setRewards}), one
 * outer evaluator (rewards r) and every vector are allocated in the constructor; {@link #compute} allocates nothing.
 * Not thread-safe.
 */
public final class LirpgMetaGradient implements UnrolledGradient.InnerLoop {

    private final int dimension;
    private final int cells;
    private final double[] extrinsic;
    private final double[] shaped;
    private final ExactEvaluator[] inner;
    private final ExactEvaluator outer;
    private final UnrolledGradient unrolled;
    private double objective;

    /**
     * @param problem a one-player tabular problem; its rewards are the extrinsic reward r
     * @param steps   K &gt;= 0 inner steps (K = 0: the meta-gradient is 0, eta has no effect)
     * @param alpha   the inner step size, finite
     * @throws IllegalArgumentException if the problem has more than one player, or K or alpha is invalid
     */
    public LirpgMetaGradient(TabularProblem problem, int steps, double alpha) {
        if (problem.model().numPlayers() != 1) {
            throw new IllegalArgumentException("LIRPG needs a single-agent problem; " + problem.model().name()
                    + " has " + problem.model().numPlayers() + " players");
        }
        this.dimension = problem.layout().dimension();
        this.cells = problem.model().numCells();
        this.extrinsic = problem.model().rewards(0);
        this.shaped = new double[cells];
        this.unrolled = new UnrolledGradient(cells, dimension, steps, alpha);
        this.inner = new ExactEvaluator[steps];
        for (int k = 0; k < steps; k++) {
            // The general kernel: the only one that takes other rewards (setRewards).
            inner[k] = ExactEvaluator.general(problem);
        }
        this.outer = problem.newEvaluator();
    }

    /** Length of theta (the policy logits). */
    public int dimension() {
        return dimension;
    }

    /** Length of eta and of the meta-gradient: the number of cells S * A. */
    public int cells() {
        return cells;
    }

    /** K. */
    public int steps() {
        return unrolled.steps();
    }

    /**
     * Computes d V_r(theta_K) / d eta into {@code out}.
     *
     * @param theta0 the inner learner's initial logits (length {@link #dimension()}, read only)
     * @param eta    the intrinsic reward by cell (length {@link #cells()}, finite, read only)
     * @param out    the meta-gradient by cell (length {@link #cells()}, overwritten)
     * @return the meta-objective V_r(theta_K)
     * @throws IllegalArgumentException                  if eta has the wrong length or r + eta is not finite
     * @throws dev.opshape.tabular.InvalidModelException if theta0 has the wrong length or holds NaN
     */
    public double compute(double[] theta0, double[] eta, double[] out) {
        if (eta == null || eta.length != cells) {
            throw new IllegalArgumentException("eta needs length " + cells + " (one per cell), not "
                    + (eta == null ? 0 : eta.length));
        }
        for (int c = 0; c < cells; c++) {
            shaped[c] = extrinsic[c] + eta[c];
        }
        for (ExactEvaluator evaluator : inner) {
            evaluator.setRewards(0, shaped);
        }
        unrolled.compute(theta0, this, out);
        return objective;
    }

    /** After {@link #compute}: the inner iterate theta_k, k = 0..K (live, do not modify). */
    public double[] iterate(int k) {
        return unrolled.iterate(k);
    }

    @Override
    public void innerGradient(int k, double[] phi, double[] out) {
        inner[k].setPoint(phi);
        inner[k].gradient(0, out);
    }

    @Override
    public void innerHessian(int k, double[] phi, double[] w, double[] outPsi, double[] outPhi) {
        // Inner evaluator k still holds theta_k from the forward pass.
        inner[k].hessianVectorProduct(0, w, outPhi);
        inner[k].cellVisitsDirectional(w, outPsi);
    }

    @Override
    public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
        outer.setPoint(phi);
        objective = outer.value(0);
        outer.gradient(0, outPhi);
        for (int c = 0; c < cells; c++) {
            outPsi[c] = 0.0;
        }
    }
}
