package dev.opshape.shaping.population;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** The stationary distribution of a finite Markov chain, by one linear solve. */
final class StationaryDistribution {

    private StationaryDistribution() {
    }

    /**
     * The distribution pi with pi P = pi and sum pi = 1, for a row-stochastic P of an irreducible chain: the
     * system (P^T - I) pi = 0 with one equation replaced by the normalisation.
     */
    static double[] of(double[][] transition) {
        int n = transition.length;
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.setEntry(i, j, transition[j][i] - (i == j ? 1 : 0));
            }
        }
        double[] b = new double[n];
        for (int j = 0; j < n; j++) {
            a.setEntry(n - 1, j, 1);
        }
        b[n - 1] = 1;
        return new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b, false)).toArray();
    }
}
