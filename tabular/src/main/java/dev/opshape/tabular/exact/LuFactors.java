package dev.opshape.tabular.exact;

/**
 * The LU factorisation without pivoting of M = I - gamma P (P row-stochastic, gamma &lt; 1), in place: M is strictly
 * diagonally dominant by rows (1 - gamma P_ss &gt; gamma (1 - P_ss)), so the factorisation exists and is stable
 * without pivoting. Kept with the reciprocals of the pivots, so that each of the several solves per point multiplies
 * instead of dividing. Shared by the general discounted kernel and the hand-written 2 x 2 one.
 */
public final class LuFactors {

    private LuFactors() {
    }

    /**
     * Doolittle LU of the n x n row-major matrix in {@code lu}, in place: afterwards its strictly lower part is L (unit
     * diagonal implied) and its upper part U; {@code inversePivot[k] = 1 / U_kk}.
     */
    public static void factorise(double[] lu, double[] inversePivot, int n) {
        for (int k = 0; k < n; k++) {
            double inverse = 1.0 / lu[k * n + k];
            inversePivot[k] = inverse;
            for (int i = k + 1; i < n; i++) {
                double l = lu[i * n + k] * inverse;
                lu[i * n + k] = l;
                if (l != 0.0) {
                    for (int j = k + 1; j < n; j++) {
                        lu[i * n + j] -= l * lu[k * n + j];
                    }
                }
            }
        }
    }
}
