package dev.opshape.shaping.learner;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;

/**
 * A reusable dense linear solve for the differentiable-game rules: EJML's LU decomposition with partial pivoting,
 * over a caller-filled row-major matrix. Allocates nothing after construction.
 */
final class DenseSolver {

    /** Largest system solved directly: beyond it forming and factoring the joint Jacobian is the wrong tool. */
    static final int MAX_DIMENSION = 1024;
    /** A pivot below this times the matrix's largest entry counts as singular. */
    static final double SINGULAR = 1e-12;

    private final int dim;
    private final DMatrixRMaj a;
    private final DMatrixRMaj b;
    private final DMatrixRMaj x;
    private final LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    private final LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);

    /**
     * @param dim  the system's size
     * @param rule the rule's name, for the refusal of a game too large
     * @throws IllegalArgumentException above {@link #MAX_DIMENSION}
     */
    DenseSolver(int dim, String rule) {
        if (dim > MAX_DIMENSION) {
            throw new IllegalArgumentException(rule + " forms and factors the " + dim + " x " + dim + " joint Jacobian;"
                    + " it takes games of at most " + MAX_DIMENSION + " joint logits");
        }
        this.dim = dim;
        this.a = new DMatrixRMaj(dim, dim);
        this.b = new DMatrixRMaj(dim, 1);
        this.x = new DMatrixRMaj(dim, 1);
    }

    /** The matrix to fill (row-major, dim x dim) before {@link #factor}. */
    double[] matrix() {
        return a.data;
    }

    /** Factors the filled matrix; false if it is singular (a pivot below {@link #SINGULAR} of its largest entry). */
    boolean factor() {
        double largest = 0;
        for (int k = 0; k < dim * dim; k++) {
            largest = Math.max(largest, Math.abs(a.data[k]));
        }
        if (!(largest > 0) || !solver.setA(a)) {
            return false;
        }
        DMatrixRMaj factors = lu.getLU();
        for (int k = 0; k < dim; k++) {
            if (!(Math.abs(factors.get(k, k)) > SINGULAR * largest)) {
                return false;
            }
        }
        return true;
    }

    /** x = A^-1 v for the factored matrix (v and x of length dim; v is read only). */
    void solve(double[] v, double[] out) {
        System.arraycopy(v, 0, b.data, 0, dim);
        solver.solve(b, x);
        System.arraycopy(x.data, 0, out, 0, dim);
    }
}
