package dev.opshape.shaping.meta;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;

/**
 * The exact MAML-RL meta-gradient of a single-agent tabular problem: the derivative of V(theta_K) in the initial
 * policy parameters theta_0, where theta_{k+1} = theta_k + alpha grad V(theta_k) for k &lt; K.
 *
 * <p>In the terms of {@link UnrolledGradient}: psi = theta_0, phi_0 = psi, f = F = V (the meta-objective is the
 * inner objective itself), so the mixed term d/dpsi grad_phi f and partial_psi F are 0, and the chain rule through
 * phi_0 = psi adds v_0. The result is (I + alpha H(theta_0)) ... (I + alpha H(theta_{K-1})) grad V(theta_K), H the
 * Hessian of V, computed with K Hessian-vector products, never a Hessian.
 *
 * <p>Exact for the problem as given: the discounted infinite-horizon value, or the T-move value of a finite horizon.
 * A workspace: K + 1 exact evaluators (one per iterate, each kept at its point for the backward pass) and every
 * vector are allocated in the constructor; {@link #compute} allocates nothing. Not thread-safe.
 */
public final class MamlMetaGradient implements UnrolledGradient.InnerLoop {

    private final int dimension;
    private final ExactEvaluator[] evaluator;
    private final UnrolledGradient unrolled;
    private double objective;

    /**
     * @param problem a one-player tabular problem (for example {@code TabularMdp.problem(gamma, horizon)})
     * @param steps   K &gt;= 0 inner steps (0: the plain policy gradient)
     * @param alpha   the inner step size, finite
     * @throws IllegalArgumentException if the problem has more than one player, or K or alpha is invalid
     */
    public MamlMetaGradient(TabularProblem problem, int steps, double alpha) {
        if (problem.model().numPlayers() != 1) {
            throw new IllegalArgumentException("MAML-RL needs a single-agent problem; " + problem.model().name()
                    + " has " + problem.model().numPlayers() + " players");
        }
        this.dimension = problem.layout().dimension();
        this.unrolled = new UnrolledGradient(dimension, dimension, steps, alpha);
        this.evaluator = new ExactEvaluator[steps + 1];
        for (int k = 0; k <= steps; k++) {
            evaluator[k] = problem.newEvaluator();
        }
    }

    /** Length of theta_0 and of the meta-gradient. */
    public int dimension() {
        return dimension;
    }

    /** K. */
    public int steps() {
        return unrolled.steps();
    }

    /**
     * Computes d V(theta_K) / d theta_0 into {@code out}.
     *
     * @param theta0 the initial logits (length {@link #dimension()}, read only; +-infinity allowed, NaN not)
     * @param out    the meta-gradient (length {@link #dimension()}, overwritten)
     * @return the meta-objective V(theta_K)
     * @throws dev.opshape.tabular.InvalidModelException if theta0 has the wrong length or holds NaN, or an inner
     *                                                   step produced NaN
     */
    public double compute(double[] theta0, double[] out) {
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
        evaluator[k].setPoint(phi);
        evaluator[k].gradient(0, out);
    }

    @Override
    public void innerHessian(int k, double[] phi, double[] w, double[] outPsi, double[] outPhi) {
        // Evaluator k still holds theta_k from the forward pass.
        evaluator[k].hessianVectorProduct(0, w, outPhi);
        for (int c = 0; c < dimension; c++) {
            outPsi[c] = 0.0;
        }
    }

    @Override
    public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
        ExactEvaluator last = evaluator[evaluator.length - 1];
        last.setPoint(phi);
        objective = last.value(0);
        last.gradient(0, outPhi);
        for (int c = 0; c < dimension; c++) {
            outPsi[c] = 0.0;
        }
    }
}
