package dev.opshape.shaping.meta;

import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;
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
 * <h2>Estimated parts</h2>
 * As for {@link MamlMetaGradient}, each of the three parts is exact or sampled from its own spec: the K inner steps'
 * gradients of V_{r + eta} ({@code inner}), the backward pass's products at theta_k ({@code hessian}: both the
 * Hessian-vector product of V_{r + eta} and the mixed term grad D . w, from the same batch, so that the part is one
 * sampled second-order object as in the seed paper's decomposition) and the outer gradient of V_r ({@code outer}).
 * A sampled mixed term is the derivative in eta of the score-function estimate of the inner gradient, which every
 * surrogate (dice, loaded, lvc, maml) shares at first order: sum_t gamma^t [c_t = c] sum_{u &lt;= t} grad l_u . w
 * per trajectory ({@link GradientEstimator#cellVisitsDirectional}), unbiased. Streams are keyed as in
 * {@link EstimatedParts}: (seed, StreamIndex.of(u, j, 0, part, k)).
 *
 * <p>A workspace: the estimators (the inner-loop ones take the rewards r + eta at every call through
 * {@link GradientEstimator#setRewards}, the outer one keeps r) and every vector are allocated in the constructor;
 * {@link #compute} allocates nothing beyond what sampled estimators do. Not thread-safe.
 */
public final class LirpgMetaGradient implements UnrolledGradient.InnerLoop {

    private final int dimension;
    private final int cells;
    private final double[] extrinsic;
    private final double[] shaped;
    private final EstimatedParts parts;
    private final UnrolledGradient unrolled;
    private double objective;

    /**
     * The exact meta-gradient.
     *
     * @param problem a one-player tabular problem; its rewards are the extrinsic reward r
     * @param steps   K &gt;= 0 inner steps (K = 0: the meta-gradient is 0, eta has no effect)
     * @param alpha   the inner step size, finite
     * @throws IllegalArgumentException if the problem has more than one player, or K or alpha is invalid
     */
    public LirpgMetaGradient(TabularProblem problem, int steps, double alpha) {
        this(problem, steps, alpha, EstimatorSpec.EXACT, EstimatorSpec.EXACT, EstimatorSpec.EXACT);
    }

    /**
     * The meta-gradient with each part exact or estimated.
     *
     * @param innerSpec   estimator of the inner steps' gradients of V_{r + eta}
     * @param hessianSpec estimator of the backward pass's Hessian-vector and mixed products at each theta_k
     * @param outerSpec   estimator of the outer gradient of V_r at theta_K
     * @throws IllegalArgumentException as the exact constructor, or if a spec reuses samples
     */
    public LirpgMetaGradient(TabularProblem problem, int steps, double alpha, EstimatorSpec innerSpec,
                             EstimatorSpec hessianSpec, EstimatorSpec outerSpec) {
        if (problem.model().numPlayers() != 1) {
            throw new IllegalArgumentException("LIRPG needs a single-agent problem; " + problem.model().name()
                    + " has " + problem.model().numPlayers() + " players");
        }
        this.dimension = problem.layout().dimension();
        this.cells = problem.model().numCells();
        this.extrinsic = problem.model().rewards(0);
        this.shaped = new double[cells];
        this.unrolled = new UnrolledGradient(cells, dimension, steps, alpha);
        this.parts = new EstimatedParts(problem, steps, innerSpec, hessianSpec, outerSpec);
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

    /** The exact meta-gradient, or, for sampled parts, estimate 0 of work unit 0 under seed 0. */
    public double compute(double[] theta0, double[] eta, double[] out) {
        return compute(theta0, eta, 0L, 0, 0, out);
    }

    /**
     * Computes d V_r(theta_K) / d eta, or its estimate j, into {@code out}.
     *
     * @param theta0 the inner learner's initial logits (length {@link #dimension()}, read only)
     * @param eta    the intrinsic reward by cell (length {@link #cells()}, finite, read only)
     * @param seed   master seed of the sampled parts (ignored by exact ones)
     * @param unit   the work unit u in [0, 65536) (for example the MDP's index in a study)
     * @param sample the estimate's index j in [0, 2^24)
     * @param out    the meta-gradient by cell (length {@link #cells()}, overwritten)
     * @return the meta-objective V_r(theta_K) as the outer estimator gives it
     * @throws IllegalArgumentException                  if eta has the wrong length or r + eta is not finite
     * @throws dev.opshape.tabular.InvalidModelException if theta0 has the wrong length or holds NaN
     */
    public double compute(double[] theta0, double[] eta, long seed, int unit, int sample, double[] out) {
        if (eta == null || eta.length != cells) {
            throw new IllegalArgumentException("eta needs length " + cells + " (one per cell), not "
                    + (eta == null ? 0 : eta.length));
        }
        for (int c = 0; c < cells; c++) {
            shaped[c] = extrinsic[c] + eta[c];
        }
        parts.setInnerRewards(shaped);
        parts.key(seed, unit, sample);
        unrolled.compute(theta0, this, out);
        return objective;
    }

    /** After {@link #compute}: the inner iterate theta_k, k = 0..K (live, do not modify). */
    public double[] iterate(int k) {
        return unrolled.iterate(k);
    }

    @Override
    public void innerGradient(int k, double[] phi, double[] out) {
        parts.inner(k, phi).gradient(0, out);
    }

    @Override
    public void innerHessian(int k, double[] phi, double[] w, double[] outPsi, double[] outPhi) {
        GradientEstimator products = parts.hessian(k, phi);
        products.hessianVectorProduct(0, w, outPhi);
        products.cellVisitsDirectional(w, outPsi);
    }

    @Override
    public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
        GradientEstimator outer = parts.outer(phi);
        objective = outer.value(0);
        outer.gradient(0, outPhi);
        for (int c = 0; c < cells; c++) {
            outPsi[c] = 0.0;
        }
    }
}
