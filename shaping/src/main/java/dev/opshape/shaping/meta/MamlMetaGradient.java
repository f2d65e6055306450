package dev.opshape.shaping.meta;

import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.tabular.TabularProblem;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The MAML-RL meta-gradient of a single-agent tabular problem, exact or estimated: the derivative of V(theta_K) in
 * the initial policy parameters theta_0, where theta_{k+1} = theta_k + alpha grad V(theta_k) for k &lt; K.
 *
 * <p>In the terms of {@link UnrolledGradient}: psi = theta_0, phi_0 = psi, f = F = V (the meta-objective is the
 * inner objective itself), so the mixed term d/dpsi grad_phi f and partial_psi F are 0, and the chain rule through
 * phi_0 = psi adds v_0. The exact result is (I + alpha H(theta_0)) ... (I + alpha H(theta_{K-1})) grad V(theta_K),
 * H the Hessian of V, computed with K Hessian-vector products, never a Hessian.
 *
 * <h2>Estimated parts</h2>
 * Three places take a derivative, each from its own {@link EstimatorSpec} (exact, or sampled with its own batches):
 * the K first-order inner steps ({@code inner}: their sampling error moves the iterates, the compositional bias), the
 * K Hessian-vector products of the backward pass at those iterates ({@code hessian}: the multi-step Hessian bias) and
 * the outer gradient at theta_K ({@code outer}). The seed paper names the seven combinations with at least one sampled
 * part by the letters of (inner, hessian, outer), e for exact and l for sampled: lee, ele, eel, lle, lel, ell, lll.
 * Sampled part p at inner step k of estimate j of work unit u (for example the MDP's index in a study) draws from
 * stream {@link StreamIndex#of StreamIndex.of(u, j, 0, p, k)} under the caller's seed, so that estimators compared on
 * one (seed, u, j) see the same trajectories wherever their points agree (common random numbers).
 *
 * <h2>Injected Hessian bias</h2>
 * The seed paper measures how the meta-gradient's error grows with a known Hessian error: its code adds
 * mean_i(theta_i^2 E_i) to the Hessian surrogate, E_i = c + 0.3 z_i with z_i standard normal drawn afresh at every
 * inner step, so each backward product gains (2 / d) E .* w. With {@code hessianBias} c != 0 this class does the
 * same, z from the Philox stream (seed, {@link StreamIndex#of StreamIndex.of(u, j, 0, AUXILIARY, k)}); c = 0 (the
 * default) adds nothing and draws nothing.
 *
 * <p>Exact for the problem as given when every part is exact: the discounted infinite-horizon value, or the T-move
 * value of a finite horizon (sampled parts estimate the T-move value of their own spec's T). A workspace: the
 * estimators (one per inner step and part, each kept at its point for the backward pass) and every vector are
 * allocated in the constructor; {@link #compute} allocates nothing beyond what the estimators do. Not thread-safe.
 */
public final class MamlMetaGradient implements UnrolledGradient.InnerLoop {

    private final int dimension;
    private final EstimatedParts parts;
    private final UnrolledGradient unrolled;
    private final double hessianBias;
    private double objective;

    /**
     * The exact meta-gradient.
     *
     * @param problem a one-player tabular problem (for example {@code TabularMdp.problem(gamma, horizon)})
     * @param steps   K &gt;= 0 inner steps (0: the plain policy gradient)
     * @param alpha   the inner step size, finite
     * @throws IllegalArgumentException if the problem has more than one player, or K or alpha is invalid
     */
    public MamlMetaGradient(TabularProblem problem, int steps, double alpha) {
        this(problem, steps, alpha, EstimatorSpec.EXACT, EstimatorSpec.EXACT, EstimatorSpec.EXACT);
    }

    /**
     * The meta-gradient with each part exact or estimated.
     *
     * @param innerSpec   estimator of the inner steps' gradients
     * @param hessianSpec estimator of the backward pass's Hessian-vector products (a sampled one draws its own
     *                    batch at each theta_k)
     * @param outerSpec   estimator of the outer gradient at theta_K
     * @throws IllegalArgumentException as the exact constructor, or if a spec reuses samples (replay is not defined
     *                                  for this study)
     */
    public MamlMetaGradient(TabularProblem problem, int steps, double alpha, EstimatorSpec innerSpec,
                            EstimatorSpec hessianSpec, EstimatorSpec outerSpec) {
        this(problem, steps, alpha, innerSpec, hessianSpec, outerSpec, 0.0);
    }

    /**
     * The meta-gradient with each part exact or estimated and a known error injected into the Hessian products.
     *
     * @param hessianBias c, the mean of the injected per-parameter Hessian error (see the class comment); finite,
     *                    0 for none
     * @throws IllegalArgumentException as the other constructors, or if c is not finite
     */
    public MamlMetaGradient(TabularProblem problem, int steps, double alpha, EstimatorSpec innerSpec,
                            EstimatorSpec hessianSpec, EstimatorSpec outerSpec, double hessianBias) {
        if (!Double.isFinite(hessianBias)) {
            throw new IllegalArgumentException("hessian bias = " + hessianBias + "; it must be a finite number");
        }
        this.hessianBias = hessianBias;
        if (problem.model().numPlayers() != 1) {
            throw new IllegalArgumentException("MAML-RL needs a single-agent problem; " + problem.model().name()
                    + " has " + problem.model().numPlayers() + " players");
        }
        this.dimension = problem.layout().dimension();
        this.unrolled = new UnrolledGradient(dimension, dimension, steps, alpha);
        this.parts = new EstimatedParts(problem, steps, innerSpec, hessianSpec, outerSpec);
    }

    /** Length of theta_0 and of the meta-gradient. */
    public int dimension() {
        return dimension;
    }

    /** K. */
    public int steps() {
        return unrolled.steps();
    }

    /** The exact meta-gradient, or, for sampled parts, estimate 0 under seed 0 (see the other overload). */
    public double compute(double[] theta0, double[] out) {
        return compute(theta0, 0L, 0, out);
    }

    /**
     * Computes d V(theta_K) / d theta_0, or its estimate j, into {@code out}.
     *
     * @param theta0 the initial logits (length {@link #dimension()}, read only; +-infinity allowed, NaN not)
     * @param seed   master seed of the sampled parts (ignored by exact ones)
     * @param sample the estimate's index j in [0, 2^24): its parts' streams (see the class comment)
     * @param out    the meta-gradient (length {@link #dimension()}, overwritten)
     * @return the meta-objective V(theta_K) as the outer estimator gives it (exact, or the sampled value)
     * @throws dev.opshape.tabular.InvalidModelException if theta0 has the wrong length or holds NaN, or an inner
     *                                                   step produced NaN
     */
    public double compute(double[] theta0, long seed, int sample, double[] out) {
        return compute(theta0, seed, 0, sample, out);
    }

    /**
     * As {@link #compute(double[], long, int, double[])}, with the work unit u of the streams.
     *
     * @param unit the work unit u in [0, 65536) (for example the MDP's index in a study)
     */
    public double compute(double[] theta0, long seed, int unit, int sample, double[] out) {
        parts.key(seed, unit, sample);
        unrolled.compute(theta0, this, out);
        double[] v0 = unrolled.initialAdjoint();
        for (int c = 0; c < dimension; c++) {
            out[c] += v0[c];
        }
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
        parts.hessian(k, phi).hessianVectorProduct(0, w, outPhi);
        if (hessianBias != 0.0) {
            injectHessianBias(k, w, outPhi);
        }
        for (int c = 0; c < dimension; c++) {
            outPsi[c] = 0.0;
        }
    }

    /** Adds (2 / d) (c + 0.3 z) .* w to the product (a study-only path: it allocates its stream). */
    private void injectHessianBias(int k, double[] w, double[] outPhi) {
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(
                new Philox4x64(new long[] {parts.seed(), parts.stream(StreamIndex.Part.AUXILIARY, k), 0, 0, 0, 0}));
        double scale = 2.0 / dimension;
        for (int c = 0; c < dimension; c++) {
            outPhi[c] += scale * (hessianBias + 0.3 * z.sample()) * w[c];
        }
    }

    @Override
    public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
        GradientEstimator outer = parts.outer(phi);
        objective = outer.value(0);
        outer.gradient(0, outPhi);
        for (int c = 0; c < dimension; c++) {
            outPsi[c] = 0.0;
        }
    }
}
