package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;

/**
 * Error bounds for central finite differences of an iterated game's value (for the gradient) and of its gradient
 * (for a Hessian-vector product), and the step that minimises them. Nothing here is fitted to observed errors: the
 * truncation part is a proof, the round-off part a generous forward-error estimate.
 *
 * <h2>Truncation: Cauchy estimates</h2>
 * Move agent i's logits by complex numbers of modulus at most rho_i &lt; ln 2. Each state's action distribution is a
 * softmax (a sigmoid is the softmax of (x, 0)); with e^{z_a} = 1 + eps_a, |eps_a| &lt;= eta = e^rho - 1,
 * pi_a(z) - pi_a = pi_a (eps_a - sum_b pi_b eps_b) / (1 + sum_b pi_b eps_b), so ||pi(z)||_1 &lt;= 1 + beta(rho) with
 * beta = 2 eta / (1 - eta), and the probabilities still sum to 1. A row of the joint transition structure is
 * pi1 (x) pi2, of l1-norm at most g = (1 + beta(rho_1)) (1 + beta(rho_2)), so the t-th outcome distribution p_t(z)
 * has l1-norm at most g^(t+1) and still sums to 1. Hence sum_t gamma^t p_t(z) . 1 is the constant discount mass, and
 * subtracting c times it (c = the mid-range of the agent's rewards) changes V by a constant:
 * <pre>
 *   |V(z) - c mass| &lt;= B(rho_1, rho_2) = H sum_{t &lt; T} gamma^t g^(t+1),   H = half the range of the rewards
 * </pre>
 * (for T = infinity finite while gamma g &lt; 1). V is analytic there (softmax denominators stay &gt;= 1 - eta &gt; 0, the
 * series converges absolutely), so Cauchy's estimate on a disk of radius rho around any real point gives
 * |f'''| &lt;= 3! B / rho^3 for f(s) = V(theta + s e_k), where only the agent owning logit k moves
 * (B = B(rho, 0) or B(0, rho)). The central difference (f(h) - f(-h)) / 2h differs from f'(0) by
 * h^2/12 (f'''(xi1) + f'''(xi2)), so by at most h^2 B / rho^3, minimised over rho.
 *
 * <p>For the Hessian-vector product, G(s) = dV/dtheta_k at theta + s v with ||v||_inf = 1, and G''' = d^4 F / (da ds^3)
 * for F(a, s) = V(theta + a e_k + s v). On the polydisk |a| &lt;= rho_a, |s| &lt;= rho_s the agent owning k moves by at
 * most rho_a + rho_s and the other by rho_s, so Cauchy gives |G'''| &lt;= 1! 3! B / (rho_a rho_s^3), and the
 * difference error is at most h^2 B / (rho_a rho_s^3), minimised over (rho_a, rho_s).
 *
 * <p>These bounds hold for every policy, including nearly deterministic, slowly mixing ones, where derivatives really
 * do grow like powers of 1/(1 - gamma); so the admissible rho is of order (1 - gamma) and the bounds grow like
 * (1 - gamma)^-4 (gradient) and (1 - gamma)^-5 (HVP). {@link #isInformative} lets a test refuse a case where the
 * bound has become too loose to catch a defect, instead of passing it vacuously.
 *
 * <h2>Round-off</h2>
 * A computed value carries an absolute error of at most eps_f, so the difference quotient carries at most eps_f / h.
 * Estimate: eps_f = 64 S kappa u F, with S outcomes, kappa = 2 / (1 - gamma) bounding the condition number of
 * I - gamma P (and the error growth of a T-step recursion), u = 2^-53 and F a bound on the differenced quantity's
 * size (R_max times the discount mass for a value, the Cauchy first-derivative bound for a gradient component);
 * plus the rounding of the perturbed arguments, at most u (||theta||_inf + 1) per perturbed logit, times a bound on
 * the derivative of the differenced quantity. The factor 64 is headroom over the usual S kappa u forward estimate.
 *
 * <h2>Step</h2>
 * The total bound C h^2 + eps / h is smallest at h = (eps / 2C)^(1/3), which is the step used.
 */
final class CentralDifferenceBound {

    static final double UNIT_ROUNDOFF = 0x1p-53;
    /** The disk radii are searched on a grid of (0, ln 2). */
    private static final int GRID = 400;
    private static final double RHO_MAX = Math.log(2.0);

    /** A step and the bound on the error of the central difference taken with it. */
    record Step(double h, double bound) {
    }

    private final double halfRange;
    private final double maxAbsPayoff;
    private final double gamma;
    private final int horizon;
    private final int outcomes;
    private final int dimension;
    private final double mass;

    CentralDifferenceBound(IteratedGame game) {
        MatrixGame stage = game.game();
        double half = 0;
        for (int agent = 0; agent < 2; agent++) {
            double[] r = stage.outcomeRewards(agent);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : r) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            half = Math.max(half, (max - min) / 2);
        }
        this.halfRange = half;
        this.maxAbsPayoff = TestGames.maxAbsPayoff(stage);
        this.gamma = game.gamma();
        this.horizon = game.horizon();
        this.outcomes = stage.numOutcomes();
        this.dimension = game.jointDimension();
        this.mass = game.discountMass();
    }

    private static double beta(double rho) {
        double eta = Math.expm1(rho);
        return 2 * eta / (1 - eta);
    }

    /** B(rho1, rho2): bound on |V - c mass| when agent i's logits move by complex numbers of modulus &lt;= rho_i. */
    double valueBound(double rho1, double rho2) {
        double g = (1 + beta(rho1)) * (1 + beta(rho2));
        double ratio = gamma * g;
        if (horizon == IteratedGame.INFINITE) {
            return ratio < 1 ? halfRange * g / (1 - ratio) : Double.POSITIVE_INFINITY;
        }
        // sum_{t < T} gamma^t g^(t+1) = g (1 - ratio^T) / (1 - ratio), or g T when ratio = 1
        double sum = ratio == 1 ? g * horizon : g * (1 - Math.pow(ratio, horizon)) / (1 - ratio);
        return halfRange * sum;
    }

    private static double rho(int i) {
        return RHO_MAX * i / GRID;
    }

    /** min over rho of B(rho, 0) / rho^power: derivatives of order power along one logit. */
    private double alongOneLogit(int power) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < GRID; i++) {
            best = Math.min(best, valueBound(rho(i), 0) / Math.pow(rho(i), power));
        }
        return best;
    }

    /** Bound on any first partial derivative of V (Cauchy, order 1). */
    double firstDerivativeBound() {
        return alongOneLogit(1);
    }

    /** Bound on any second partial derivative of V: B(rho, rho) / (rho/2)^2 covers pure and mixed ones. */
    double secondDerivativeBound() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < GRID; i++) {
            best = Math.min(best, valueBound(rho(i), rho(i)) * 4 / (rho(i) * rho(i)));
        }
        return best;
    }

    private double roundoffFactor() {
        return 64 * outcomes * (2 / (1 - gamma)) * UNIT_ROUNDOFF;
    }

    /** Step and error bound for the central difference of V along one logit (a gradient component). */
    Step gradientStep(double maxAbsTheta) {
        double truncation = alongOneLogit(3);
        double eps = roundoffFactor() * maxAbsPayoff * mass
                + UNIT_ROUNDOFF * (maxAbsTheta + 1) * firstDerivativeBound();
        return optimal(truncation, eps);
    }

    /** Step and error bound for the central difference of grad V along a direction with ||v||_inf = 1. */
    Step hessianVectorStep(double maxAbsTheta) {
        double truncation = Double.POSITIVE_INFINITY;
        for (int i = 1; i < GRID; i++) {
            for (int j = 1; i + j < GRID; j++) {
                double rhoA = rho(i);
                double rhoS = rho(j);
                truncation = Math.min(truncation, valueBound(rhoA + rhoS, rhoS) / (rhoA * rhoS * rhoS * rhoS));
            }
        }
        double eps = roundoffFactor() * firstDerivativeBound()
                + dimension * UNIT_ROUNDOFF * (maxAbsTheta + 1) * secondDerivativeBound();
        return optimal(truncation, eps);
    }

    private static Step optimal(double truncation, double eps) {
        double h = Math.cbrt(eps / (2 * truncation));
        return new Step(h, truncation * h * h + eps / h);
    }

    /**
     * Whether an error bound is small enough, against the size of the quantity checked, for the comparison to catch
     * a defect: at most 1e-3 of max(||expected||_inf, 1).
     */
    static boolean isInformative(Step step, double[] expected) {
        return step.bound() <= 1e-3 * Math.max(Agreement.maxAbs(expected), 1.0);
    }
}
