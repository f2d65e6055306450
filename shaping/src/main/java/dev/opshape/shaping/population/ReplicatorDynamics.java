package dev.opshape.shaping.population;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replicator dynamics on a payoff matrix a (a[i][j]: the payoff of type i against type j) over the simplex of type
 * shares x (Taylor and Jonker 1978; Hofbauer and Sigmund 1998, "Evolutionary Games and Population Dynamics"):
 * <ul>
 *   <li>continuous: dx_i/dt = x_i ((a x)_i - x . a x), integrated with commons-math's Dormand-Prince 8(5,3)
 *       integrator;</li>
 *   <li>discrete: x_i' = x_i (a x)_i / (x . a x), defined when every payoff is positive (checked per step).</li>
 * </ul>
 * Rest points of the continuous dynamics are found on every support S (every non-empty set of types, so n is
 * bounded by {@link #MAX_TYPES_FOR_REST_POINTS}): x_S solves (a x)_i = v for i in S with sum x = 1 and x &gt; 0.
 * Their stability comes from the eigenvalues of the Jacobian restricted to the simplex (the directions e_i - e_n):
 * every real part below 0 is asymptotically stable, one above 0 unstable, otherwise not decided to first order.
 */
public final class ReplicatorDynamics {

    /** Largest n for the rest-point search, which visits 2^n - 1 supports. */
    public static final int MAX_TYPES_FOR_REST_POINTS = 16;
    /** Entries below this count as 0 in a rest point and in eigenvalue signs. */
    static final double EPSILON = 1e-9;

    private final double[][] payoff;

    /**
     * One rest point.
     *
     * @param shares      x (sums to 1)
     * @param eigenvalues real parts of the restricted Jacobian's n - 1 eigenvalues
     * @param stability   what their signs say
     */
    public record RestPoint(double[] shares, double[] eigenvalues, Stability stability) {
    }

    /** The first-order stability of a rest point. */
    public enum Stability {
        /** Every eigenvalue's real part is negative. */
        STABLE,
        /** Some eigenvalue's real part is positive. */
        UNSTABLE,
        /** No positive real part, some zero: linearisation does not decide. */
        UNDECIDED;

        /** Lower-case name for reports. */
        public String display() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param payoff n x n finite payoffs (copied), n &gt;= 1 */
    public ReplicatorDynamics(double[][] payoff) {
        int n = payoff.length;
        if (n < 1) {
            throw new IllegalArgumentException("replicator dynamics need at least one type");
        }
        this.payoff = new double[n][];
        for (int i = 0; i < n; i++) {
            if (payoff[i].length != n) {
                throw new IllegalArgumentException("the payoff matrix must be square");
            }
            this.payoff[i] = payoff[i].clone();
        }
    }

    /**
     * The velocity dx/dt at x into {@code out}, written for x^ = x / sum x: x_i ((a x^)_i - x^ . a x^). On the
     * simplex it is the replicator field; off it, it keeps sum x constant. (The textbook form x_i ((a x)_i -
     * x . a x) changes sum x at the rate (x . a x)(1 - sum x), so with negative payoffs a rounding error off the
     * simplex grows exponentially and the integrator fails.)
     */
    public void velocity(double[] x, double[] out) {
        int n = payoff.length;
        double total = 0;
        for (double xi : x) {
            total += xi;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double fi = 0;
            for (int j = 0; j < n; j++) {
                fi += payoff[i][j] * x[j];
            }
            out[i] = fi / total;
            mean += x[i] * out[i];
        }
        mean /= total;
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * (out[i] - mean);
        }
    }

    /**
     * The continuous trajectory from {@code start} sampled at times 0, dt, 2 dt, ..., (samples - 1) dt: row k is
     * x(k dt) (a new array of samples x n).
     */
    public double[][] trajectory(double[] start, double dt, int samples) {
        checkStart(start);
        int n = payoff.length;
        double[][] out = new double[samples][];
        out[0] = start.clone();
        FirstOrderDifferentialEquations field = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                velocity(y, yDot);
            }
        };
        // Tolerances near 1e-12 would ask the error estimate for more than double precision can show (the step
        // size then collapses); 1e-10 keeps shares accurate to about 1e-10.
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-14, Math.max(dt, 1e-6), 1e-11,
                1e-10);
        double[] y = start.clone();
        for (int k = 1; k < samples; k++) {
            double[] next = new double[n];
            integrator.integrate(field, (k - 1) * dt, y, k * dt, next);
            // Back onto the simplex (the field keeps the sum; this removes the integrator's own drift).
            double total = 0;
            for (int i = 0; i < n; i++) {
                next[i] = Math.max(0, next[i]);
                total += next[i];
            }
            for (int i = 0; i < n; i++) {
                next[i] /= total;
            }
            y = next;
            out[k] = y.clone();
        }
        return out;
    }

    /** The discrete trajectory x, x', x'', ... ({@code generations} + 1 rows). */
    public double[][] discreteTrajectory(double[] start, int generations) {
        checkStart(start);
        int n = payoff.length;
        double[][] out = new double[generations + 1][];
        out[0] = start.clone();
        for (int g = 1; g <= generations; g++) {
            double[] x = out[g - 1];
            double[] next = new double[n];
            double mean = 0;
            for (int i = 0; i < n; i++) {
                double fi = 0;
                for (int j = 0; j < n; j++) {
                    fi += payoff[i][j] * x[j];
                }
                if (x[i] > 0 && !(fi > 0)) {
                    throw new IllegalArgumentException("the discrete replicator needs positive payoffs; type " + i
                            + " has payoff " + fi + " at generation " + (g - 1) + " (use the continuous dynamics, "
                            + "or shift the payoffs)");
                }
                next[i] = x[i] * fi;
                mean += next[i];
            }
            for (int i = 0; i < n; i++) {
                next[i] /= mean;
            }
            out[g] = next;
        }
        return out;
    }

    /**
     * Every rest point of the continuous dynamics (see the class comment), smaller supports first and, within a
     * size, by the bit mask of the support (type i is bit i).
     */
    public List<RestPoint> restPoints() {
        int n = payoff.length;
        if (n > MAX_TYPES_FOR_REST_POINTS) {
            throw new IllegalArgumentException(n + " types; the rest-point search visits 2^n - 1 supports and takes "
                    + "at most " + MAX_TYPES_FOR_REST_POINTS);
        }
        List<Integer> masks = new ArrayList<>();
        for (int mask = 1; mask < (1 << n); mask++) {
            masks.add(mask);
        }
        // Smaller supports first; within a size, in increasing mask order (a stable sort).
        masks.sort((a, b) -> Integer.bitCount(a) - Integer.bitCount(b));
        List<RestPoint> points = new ArrayList<>();
        for (int mask : masks) {
            double[] x = solveSupport(mask);
            if (x != null) {
                double[] eigenvalues = restrictedEigenvalues(x);
                points.add(new RestPoint(x, eigenvalues, classify(eigenvalues)));
            }
        }
        return points;
    }

    /** The interior point of the face of {@code mask} where every type in it earns the same, or null. */
    private double[] solveSupport(int mask) {
        int n = payoff.length;
        int[] support = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((mask & (1 << i)) != 0) {
                support[k++] = i;
            }
        }
        int m = support.length;
        // Unknowns x_S (m) and v: a_SS x_S - v = 0 (m rows), sum x_S = 1.
        RealMatrix a = new Array2DRowRealMatrix(m + 1, m + 1);
        double[] b = new double[m + 1];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a.setEntry(r, c, payoff[support[r]][support[c]]);
            }
            a.setEntry(r, m, -1);
        }
        for (int c = 0; c < m; c++) {
            a.setEntry(m, c, 1);
        }
        b[m] = 1;
        double[] solution;
        try {
            solution = new LUDecomposition(a, 1e-12).getSolver().solve(new ArrayRealVector(b, false)).toArray();
        } catch (SingularMatrixException e) {
            // A degenerate face (for example two identical types) has a continuum of rest points or none: skipped.
            return null;
        }
        double[] x = new double[n];
        for (int r = 0; r < m; r++) {
            if (!(solution[r] > EPSILON)) {
                return null;
            }
            x[support[r]] = solution[r];
        }
        return x;
    }

    /** Real parts of the eigenvalues of the Jacobian in the simplex's directions e_i - e_{n-1}. */
    double[] restrictedEigenvalues(double[] x) {
        int n = payoff.length;
        if (n == 1) {
            return new double[0];
        }
        double[] ax = new double[n];
        double[] atx = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ax[i] += payoff[i][j] * x[j];
                atx[i] += payoff[j][i] * x[j];
            }
        }
        for (int i = 0; i < n; i++) {
            mean += x[i] * ax[i];
        }
        double[][] jac = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                jac[i][j] = (i == j ? ax[i] - mean : 0) + x[i] * (payoff[i][j] - ax[j] - atx[j]);
            }
        }
        // J maps the tangent space {sum v = 0} into itself; in the basis e_j - e_{n-1} its matrix is the first n - 1
        // rows of J (e_j - e_{n-1}).
        RealMatrix restricted = new Array2DRowRealMatrix(n - 1, n - 1);
        for (int r = 0; r < n - 1; r++) {
            for (int c = 0; c < n - 1; c++) {
                restricted.setEntry(r, c, jac[r][c] - jac[r][n - 1]);
            }
        }
        return new EigenDecomposition(restricted).getRealEigenvalues();
    }

    private static Stability classify(double[] eigenvalues) {
        boolean zero = false;
        for (double e : eigenvalues) {
            if (e > EPSILON) {
                return Stability.UNSTABLE;
            }
            zero |= e >= -EPSILON;
        }
        return zero ? Stability.UNDECIDED : Stability.STABLE;
    }

    private void checkStart(double[] start) {
        if (start.length != payoff.length) {
            throw new IllegalArgumentException("a start needs " + payoff.length + " shares; got " + start.length);
        }
        double sum = 0;
        for (double s : start) {
            if (!(s >= 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("share " + s + " is not a number in [0, 1]");
            }
            sum += s;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("the start shares sum to " + sum + "; they must sum to 1");
        }
    }
}
