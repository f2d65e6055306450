package dev.opshape.shaping.statistics;

import java.util.Arrays;

/**
 * The principal eigenvector by power iteration, exactly as the Axelrod-Python library computes its morality ratings
 * (eigenjesus and eigenmoses, after Aaronson's "eigenmorality" essay): start from the vector of ones, repeatedly
 * multiply by the matrix and scale to unit Euclidean norm; stop at the first iterate within {@link #TOLERANCE} of
 * the previous one (Euclidean distance; the ones vector counts as the iterate before the first) or after
 * {@link #MAX_ITERATIONS} + 1 multiplications, whichever comes first, and return that iterate.
 *
 * <p>The rule, not only its limit, is reproduced so that the ratings agree with Axelrod's number for number: when
 * the two eigenvalues of largest modulus are opposite (for example +0.6 and -0.6) or the dominant one is negative,
 * the iterates alternate and never settle, and Axelrod's rating is the iterate at the cap. A zero product (for
 * example a matrix of zeros) gives NaN entries, as Axelrod's does.
 */
public final class PowerIteration {

    /** The iteration cap of Axelrod's {@code principal_eigenvector} (its {@code maximum_iterations}). */
    public static final int MAX_ITERATIONS = 1000;
    /** Axelrod's stopping distance between successive iterates (its {@code max_error}). */
    public static final double TOLERANCE = 1e-3;

    private PowerIteration() {
    }

    /**
     * The iterate described in the class comment.
     *
     * @param matrix a square matrix (read only)
     * @return a new vector of unit norm (or NaN entries)
     */
    public static double[] principalEigenvector(double[][] matrix) {
        int n = matrix.length;
        double[] last = new double[n];
        Arrays.fill(last, 1.0);
        double[] vector = last.clone();
        for (int i = 0; ; i++) {
            double[] next = new double[n];
            double norm = 0;
            for (int r = 0; r < n; r++) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    sum += matrix[r][c] * vector[c];
                }
                next[r] = sum;
                norm += sum * sum;
            }
            norm = Math.sqrt(norm);
            double distance = 0;
            for (int r = 0; r < n; r++) {
                next[r] /= norm;
                double d = next[r] - last[r];
                distance += d * d;
            }
            if (i > MAX_ITERATIONS || Math.sqrt(distance) < TOLERANCE) {
                return next;
            }
            last = next;
            vector = next;
        }
    }
}
