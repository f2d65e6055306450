package dev.opshape.shaping.bias;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.EstimatorSpec;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.meta.UnrolledGradient;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * The theory of LOLA-K's compositional bias beside its measurement, at one point, from exact derivatives and the
 * measured covariance of the sampled lookahead gradients.
 *
 * <p>Write the sampled lookahead as phi_{k+1} = phi_k + eta (grad_j V_j(theta_i, phi_k) + e_k), k &lt; K, with e_k the
 * error of step k's estimate: mean 0 given the past (a fresh unbiased batch per step) and covariance C_k, measured at
 * the exact iterates from independent estimates of the configuration's lookahead estimator. Let G(e_0, .., e_{K-1})
 * be agent i's LOLA-K direction computed exactly along that perturbed path (exact products and outer gradient):
 * G(0) is the exact meta-gradient, and the compositional bias is E[G(e)] - G(0).
 *
 * <ul>
 *   <li><b>Prediction</b> (second-order delta method): E[G(e)] - G(0) ~ (1/2) sum_k tr(d2G/de_k2 C_k). The first-order
 *       terms vanish because each e_k has mean 0 given the earlier steps, and so do the cross terms between steps; the
 *       mean shift of later iterates that an earlier error causes (the "dF m" term) is inside d2G/de_k2, since G is
 *       differentiated through the later steps. For K = 1 this is (eta^2 / 2) d2F[C_0] with F the direction as a
 *       function of the looked-ahead point. Each tr(d2G C) is sum_m lambda_m d2G[u_m, u_m] over the eigenpairs of C,
 *       with the directional second derivative a central second difference of the exact G (step {@value #STEP}).
 *       The remainder is O(|C|^{3/2}): the prediction is for small covariances (large batches), not a bound.</li>
 *   <li><b>Bound</b> (the seed paper's kind, first order with measured constants): |E[G(e)] - G(0)| &lt;=
 *       E|G(e) - G(0)| &lt;= sum_k L_k E|e_k| &lt;= sum_k L_k sigma_k, with sigma_k = sqrt(tr C_k) and L_k the spectral
 *       norm of dG/de_k at 0 standing in for the Lipschitz constant of G in e_k (exact for an affine G, an
 *       approximation when G curves over the spread of e_k). It falls as B^{-1/2}, the measured bias as B^{-1}: it
 *       holds with room to spare at large batches and is loose there.</li>
 * </ul>
 * The paper's constants are reported as well: sigmaIn = max_k sigma_k, c2 = the largest spectral norm of the
 * opponent's Hessian grad_jj V_j along the exact path, and the Lipschitz constant of the outer map phi_K -&gt; G,
 * |dG/de_{K-1}| / eta; its bound O(K (1 + eta c2)^K eta sigmaIn L) has the same form as sum_k L_k sigma_k.
 *
 * <p>Only on-policy sampled lookaheads have this structure (a replay buffer correlates the steps' errors); for an
 * exact lookahead every quantity is 0.
 */
public final class CompositionalTheory {

    /** Step of the central differences along a unit direction of one step's error. */
    static final double STEP = 1e-3;
    /** Independent lookahead estimates per step from which each covariance C_k is measured. */
    public static final int REPLICATES = 200;
    /** Largest K for which the theory is computed (it needs K x {@value #REPLICATES} streams). */
    public static final int MAX_K = 64;

    /**
     * @param bound      sum_k L_k sigma_k (norm units of the meta-gradient)
     * @param prediction the norm of the predicted bias vector
     * @param sigmaIn    max_k sqrt(tr C_k)
     * @param c2         max_k |grad_jj V_j(theta_i, phi_k)|_2 along the exact path
     * @param lipschitz  |dG/dphi_K|_2, the outer map's local Lipschitz constant
     * @param predicted  the predicted bias vector (agent i's logits)
     */
    public record Theory(double bound, double prediction, double sigmaIn, double c2, double lipschitz,
                         double[] predicted) {
    }

    private final IteratedGame game;
    private final int agent;
    private final int opponent;
    private final int k;
    private final double eta;
    private final int ownOffset;
    private final int oppOffset;
    private final int ownLength;
    private final int oppLength;
    private final ExactEvaluator exact;
    private final UnrolledGradient unrolled;
    private final double[] joint;
    private final double[] grad;
    private final double[] probe;
    private final double[] hv;
    /** The error added to each step's lookahead gradient, [k][oppLength]. */
    private final double[][] error;

    /**
     * @param game  the game (finite horizon T, as the study's)
     * @param agent the learning agent i
     * @param k     K &gt;= 1 lookahead steps, at most {@value #MAX_K}
     * @param eta   the lookahead step
     */
    public CompositionalTheory(IteratedGame game, int agent, int k, double eta) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k = " + k + "; the theory is computed for 1 <= K <= " + MAX_K);
        }
        this.game = game;
        this.agent = agent;
        this.opponent = 1 - agent;
        this.k = k;
        this.eta = eta;
        this.ownLength = game.dimension(agent);
        this.oppLength = game.dimension(opponent);
        this.ownOffset = agent == 0 ? 0 : game.dimension(0);
        this.oppOffset = opponent == 0 ? 0 : game.dimension(0);
        this.exact = game.newEvaluator();
        this.unrolled = new UnrolledGradient(ownLength, oppLength, k, eta);
        this.joint = new double[game.jointDimension()];
        this.grad = new double[game.jointDimension()];
        this.probe = new double[game.jointDimension()];
        this.hv = new double[game.jointDimension()];
        this.error = new double[k][oppLength];
    }

    /**
     * The theory at the joint point theta, with the covariances measured from {@value #REPLICATES} independent
     * estimates per step of {@code lookahead} (the configuration's inner estimator), estimate r of step s drawing
     * from the stream {@code streams.applyAsLong(s * REPLICATES + r)} under {@code seed}.
     *
     * @return the theory, all zero for an exact lookahead
     */
    public Theory at(double[] theta, EstimatorSpec lookahead, long seed, LongUnaryOperator streams) {
        double[][] path = exactPath(theta);
        DMatrixRMaj[] covariance = new DMatrixRMaj[k];
        GradientEstimator estimator = lookahead.isExact() ? null : lookahead.create(game);
        for (int s = 0; s < k; s++) {
            covariance[s] = estimator == null ? new DMatrixRMaj(oppLength, oppLength)
                    : covariance(estimator, theta, path[s], seed, streams, s);
        }
        return of(theta, path, covariance);
    }

    /** The theory with given per-step covariances C_k ({@code oppLength} square, symmetric, PSD). */
    Theory of(double[] theta, double[][] path, DMatrixRMaj[] covariance) {
        double[] base = direction(theta);
        double[] predicted = new double[ownLength];
        double bound = 0;
        double sigmaIn = 0;
        double lastNorm = 0;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(oppLength, true, true);
        DMatrixRMaj jacobian = new DMatrixRMaj(ownLength, oppLength);
        for (int s = 0; s < k; s++) {
            // L_s: the spectral norm of dG/de_s, column by column by central differences.
            for (int c = 0; c < oppLength; c++) {
                error[s][c] = STEP;
                double[] plus = direction(theta);
                error[s][c] = -STEP;
                double[] minus = direction(theta);
                error[s][c] = 0;
                for (int r = 0; r < ownLength; r++) {
                    jacobian.set(r, c, (plus[r] - minus[r]) / (2 * STEP));
                }
            }
            double norm = spectralNorm(jacobian);
            double sigma = Math.sqrt(Math.max(0, CommonOps_DDRM.trace(covariance[s])));
            bound += norm * sigma;
            sigmaIn = Math.max(sigmaIn, sigma);
            lastNorm = norm;
            if (sigma == 0) {
                continue;
            }
            if (!eig.decompose(covariance[s].copy())) {
                throw new IllegalStateException("lookahead step " + s + "'s covariance has no eigen-decomposition");
            }
            for (int m = 0; m < oppLength; m++) {
                double lambda = eig.getEigenvalue(m).getReal();
                if (!(lambda > 0)) {
                    continue;
                }
                DMatrixRMaj u = eig.getEigenVector(m);
                double length = NormOps_DDRM.normF(u);
                for (int c = 0; c < oppLength; c++) {
                    error[s][c] = STEP * u.get(c) / length;
                }
                double[] plus = direction(theta);
                for (int c = 0; c < oppLength; c++) {
                    error[s][c] = -error[s][c];
                }
                double[] minus = direction(theta);
                Arrays.fill(error[s], 0.0);
                for (int r = 0; r < ownLength; r++) {
                    predicted[r] += 0.5 * lambda * (plus[r] - 2 * base[r] + minus[r]) / (STEP * STEP);
                }
            }
        }
        double c2 = 0;
        DMatrixRMaj hessian = new DMatrixRMaj(oppLength, oppLength);
        for (int s = 0; s <= k; s++) {
            place(theta, path[s]);
            exact.setPoint(joint);
            for (int c = 0; c < oppLength; c++) {
                Arrays.fill(probe, 0.0);
                probe[oppOffset + c] = 1;
                exact.hessianVectorProduct(opponent, probe, hv);
                for (int r = 0; r < oppLength; r++) {
                    hessian.set(r, c, hv[oppOffset + r]);
                }
            }
            c2 = Math.max(c2, spectralNorm(hessian));
        }
        double predictedNorm = 0;
        for (double x : predicted) {
            predictedNorm += x * x;
        }
        return new Theory(bound, Math.sqrt(predictedNorm), sigmaIn, c2, lastNorm / Math.abs(eta), predicted);
    }

    /** The exact iterates phi_0 .. phi_K of the opponent's lookahead from theta, [K + 1][oppLength]. */
    double[][] exactPath(double[] theta) {
        double[][] path = new double[k + 1][oppLength];
        System.arraycopy(theta, oppOffset, path[0], 0, oppLength);
        for (int s = 0; s < k; s++) {
            place(theta, path[s]);
            exact.setPoint(joint);
            exact.gradient(opponent, grad);
            for (int c = 0; c < oppLength; c++) {
                path[s + 1][c] = path[s][c] + eta * grad[oppOffset + c];
            }
        }
        return path;
    }

    /** The sample covariance of {@value #REPLICATES} estimates of grad_j V_j at the exact iterate phi. */
    private DMatrixRMaj covariance(GradientEstimator estimator, double[] theta, double[] phi, long seed,
                                   LongUnaryOperator streams, int step) {
        double[][] draws = new double[REPLICATES][oppLength];
        place(theta, phi);
        double[] point = joint.clone();
        for (int r = 0; r < REPLICATES; r++) {
            estimator.reset();
            estimator.setPoint(point, seed, streams.applyAsLong((long) step * REPLICATES + r));
            estimator.gradient(opponent, grad);
            System.arraycopy(grad, oppOffset, draws[r], 0, oppLength);
        }
        // The unbiased sample covariance (divisor R - 1), commons-math's.
        return new DMatrixRMaj(new Covariance(draws).getCovarianceMatrix().getData());
    }

    /** G(e): the direction along the lookahead perturbed by the given per-step errors ([K][oppLength], read only). */
    double[] perturbedDirection(double[] theta, double[][] errors) {
        for (int s = 0; s < k; s++) {
            System.arraycopy(errors[s], 0, error[s], 0, oppLength);
        }
        double[] g = direction(theta);
        for (double[] e : error) {
            Arrays.fill(e, 0.0);
        }
        return g;
    }

    /** Agent i's LOLA-K direction along the lookahead perturbed by {@link #error} (exact everything else). */
    double[] direction(double[] theta) {
        double[] out = new double[ownLength];
        double[] opp0 = new double[oppLength];
        System.arraycopy(theta, oppOffset, opp0, 0, oppLength);
        unrolled.compute(opp0, new UnrolledGradient.InnerLoop() {
            @Override
            public void innerGradient(int step, double[] phi, double[] g) {
                place(theta, phi);
                exact.setPoint(joint);
                exact.gradient(opponent, grad);
                for (int c = 0; c < oppLength; c++) {
                    g[c] = grad[oppOffset + c] + error[step][c];
                }
            }

            @Override
            public void innerHessian(int step, double[] phi, double[] w, double[] outPsi, double[] outPhi) {
                place(theta, phi);
                exact.setPoint(joint);
                Arrays.fill(probe, 0.0);
                System.arraycopy(w, 0, probe, oppOffset, oppLength);
                exact.hessianVectorProduct(opponent, probe, hv);
                System.arraycopy(hv, ownOffset, outPsi, 0, ownLength);
                System.arraycopy(hv, oppOffset, outPhi, 0, oppLength);
            }

            @Override
            public void outerGradient(double[] phi, double[] outPsi, double[] outPhi) {
                place(theta, phi);
                exact.setPoint(joint);
                exact.gradient(agent, grad);
                System.arraycopy(grad, ownOffset, outPsi, 0, ownLength);
                System.arraycopy(grad, oppOffset, outPhi, 0, oppLength);
            }
        }, out);
        return out;
    }

    /** The joint point (theta's own block, phi as the opponent's) into {@link #joint}. */
    private void place(double[] theta, double[] phi) {
        System.arraycopy(theta, 0, joint, 0, joint.length);
        System.arraycopy(phi, 0, joint, oppOffset, oppLength);
    }

    private static double spectralNorm(DMatrixRMaj m) {
        double[] values = SingularOps_DDRM.singularValues(m);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
