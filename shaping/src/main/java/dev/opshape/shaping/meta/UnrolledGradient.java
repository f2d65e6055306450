package dev.opshape.shaping.meta;

/**
 * The derivative of an outer objective through K gradient-ascent steps of an inner learner: the recursion behind
 * LOLA-K (the inner learner is the opponent), MAML (the inner learner is the agent itself, the meta-parameter its
 * initial parameters) and LIRPG (the meta-parameter shapes the inner learner's reward).
 *
 * <h2>The recursion</h2>
 * With meta-parameter psi, inner parameters phi_0 and inner steps phi_{k+1} = phi_k + eta grad_phi f(psi, phi_k) for
 * k &lt; K, the total derivative of F(psi, phi_K(psi)) is, by the chain rule (Liu, Feng et al. 2022, "A Theoretical
 * Understanding of Gradient Bias in Meta-Reinforcement Learning", NeurIPS, Proposition 3.1), with
 * v_K = grad_phi F(psi, phi_K) and for k = K-1 .. 0:
 * <pre>
 *   g   += eta (d/dpsi grad_phi f)(psi, phi_k)^T v_{k+1}
 *   v_k  = v_{k+1} + eta (grad_phi grad_phi f)(psi, phi_k) v_{k+1}
 * </pre>
 * and the result is partial_psi F(psi, phi_K) + g. Only Hessian-vector products are needed, one per step; the cost is
 * K inner gradients, K products and one outer gradient. When phi_0 itself depends on psi (MAML: phi_0 = psi), add
 * (d phi_0 / d psi)^T v_0, with v_0 from {@link #initialAdjoint()}.
 *
 * <p>Where the three kinds of quantity come from (exactly, or estimated from samples with their own streams) is the
 * {@link InnerLoop}'s business: this class only does the recursion, on caller-owned arrays. A workspace: everything is
 * allocated in the constructor, {@link #compute} allocates nothing. Not thread-safe.
 */
public final class UnrolledGradient {

    /**
     * The derivatives the recursion needs, at the points it asks for. Vectors are in psi-space (length
     * {@code psiLength}) or phi-space (length {@code phiLength}); inputs are read only, outputs overwritten.
     */
    public interface InnerLoop {

        /** grad_phi f(psi, phi) at inner step k (phi = phi_k), into {@code out}. */
        void innerGradient(int k, double[] phi, double[] out);

        /**
         * At inner step k (phi = phi_k), the products with w: {@code outPsi} = (d/dpsi grad_phi f)^T w and
         * {@code outPhi} = (grad_phi grad_phi f) w. Called for k = K-1 down to 0, after every inner gradient.
         */
        void innerHessian(int k, double[] phi, double[] w, double[] outPsi, double[] outPhi);

        /** partial_psi F(psi, phi) into {@code outPsi} and grad_phi F(psi, phi) into {@code outPhi}, at phi = phi_K. */
        void outerGradient(double[] phi, double[] outPsi, double[] outPhi);
    }

    private final int psiLength;
    private final int phiLength;
    private final int steps;
    private final double eta;
    /** The inner iterates phi_k, k = 0..K. */
    private final double[][] iterate;
    private final double[] gradient;
    private final double[] adjoint;
    private final double[] correction;
    private final double[] productPsi;
    private final double[] productPhi;

    /**
     * @param psiLength length of the meta-parameter
     * @param phiLength length of the inner parameters
     * @param steps     K &gt;= 0 inner steps (0: the outer gradient alone)
     * @param eta       the inner step size, finite
     */
    public UnrolledGradient(int psiLength, int phiLength, int steps, double eta) {
        if (steps < 0) {
            throw new IllegalArgumentException("k = " + steps + "; the number of inner steps must be >= 0");
        }
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; the inner step size must be a finite number");
        }
        this.psiLength = psiLength;
        this.phiLength = phiLength;
        this.steps = steps;
        this.eta = eta;
        this.iterate = new double[steps + 1][phiLength];
        this.gradient = new double[phiLength];
        this.adjoint = new double[phiLength];
        this.correction = new double[psiLength];
        this.productPsi = new double[psiLength];
        this.productPhi = new double[phiLength];
    }

    /** K. */
    public int steps() {
        return steps;
    }

    /**
     * Computes d/dpsi F(psi, phi_K(psi)) into {@code out} (psi-space).
     *
     * @param phi0 the inner learner's starting parameters (read, not retained)
     * @param loop the derivatives
     * @param out  the meta-gradient, overwritten
     */
    public void compute(double[] phi0, InnerLoop loop, double[] out) {
        System.arraycopy(phi0, 0, iterate[0], 0, phiLength);
        // Forward: the K inner steps.
        for (int k = 0; k < steps; k++) {
            loop.innerGradient(k, iterate[k], gradient);
            double[] current = iterate[k];
            double[] next = iterate[k + 1];
            for (int c = 0; c < phiLength; c++) {
                next[c] = current[c] + eta * gradient[c];
            }
        }
        // The outer gradient at the last iterate.
        loop.outerGradient(iterate[steps], out, adjoint);
        // Backward: accumulate the correction through the inner steps.
        for (int c = 0; c < psiLength; c++) {
            correction[c] = 0.0;
        }
        for (int k = steps - 1; k >= 0; k--) {
            loop.innerHessian(k, iterate[k], adjoint, productPsi, productPhi);
            for (int c = 0; c < psiLength; c++) {
                correction[c] += eta * productPsi[c];
            }
            for (int c = 0; c < phiLength; c++) {
                adjoint[c] += eta * productPhi[c];
            }
        }
        for (int c = 0; c < psiLength; c++) {
            out[c] += correction[c];
        }
    }

    /** After {@link #compute}: v_0 = dF/dphi_0, the derivative of the outer objective in the inner start (live). */
    public double[] initialAdjoint() {
        return adjoint;
    }

    /** After {@link #compute}: the inner iterate phi_k, k = 0..K (live). */
    public double[] iterate(int k) {
        return iterate[k];
    }
}
