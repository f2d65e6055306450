package dev.opshape.shaping.bias;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.UpdateKey;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CompositionalTheory}'s prediction against a brute-force evaluation of the quantity it approximates:
 * E[G(e)] - G(0) for Gaussian step errors e_k ~ N(0, C_k), estimated by Monte Carlo over antithetic pairs
 * (G(e) + G(-e)) / 2 - G(0) (which cancels the odd orders: what remains is the second order the prediction
 * computes and a fourth-order remainder, relative size O(|C|)), with a 4-standard-error tolerance plus 3% for that
 * remainder. Negative control: the mean is far from 0 (a prediction of no bias would fail). The direction along
 * an unperturbed path is the exact LOLA-K direction of {@link LookaheadLola}.
 */
class CompositionalTheoryTest {

    private static final IteratedGame IPD20 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 20);
    private static final int PAIRS = 20_000;

    private static DMatrixRMaj randomCovariance(SplittableRandom random, int n, double scale) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data[i] = random.nextGaussian();
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, a, c);
        CommonOps_DDRM.scale(scale / n, c);
        return c;
    }

    @ParameterizedTest(name = "K={0} eta={1} agent={2}")
    @CsvSource({"1, 1.0, 0", "2, 0.3, 1", "3, 1.0, 0"})
    void predictionIsTheSecondOrderMeanShiftOfTheDirection(int k, double eta, int agent) {
        SplittableRandom random = new SplittableRandom(40 + k);
        double[] theta = new double[IPD20.jointDimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        CompositionalTheory theory = new CompositionalTheory(IPD20, agent, k, eta);
        int n = IPD20.dimension(1 - agent);
        DMatrixRMaj[] cov = new DMatrixRMaj[k];
        DMatrixRMaj[] chol = new DMatrixRMaj[k];
        for (int s = 0; s < k; s++) {
            cov[s] = randomCovariance(random, n, 0.02);
            chol[s] = cov[s].copy();
            CholeskyDecomposition_F64<DMatrixRMaj> decomposition =
                    DecompositionFactory_DDRM.chol(n, true);
            assertTrue(decomposition.decompose(chol[s]));
            chol[s] = decomposition.getT(null);
        }
        CompositionalTheory.Theory predicted = theory.of(theta, theory.exactPath(theta), cov);

        double[] base = theory.perturbedDirection(theta, new double[k][n]);
        double[] exact = new double[base.length];
        LookaheadLola.exact(k, eta).newLearner(IPD20, agent).direction(theta, new UpdateKey(0, 0, 0), exact);
        assertArrayEquals(exact, base, 1e-12 * (1 + norm(exact)));

        int d = base.length;
        double[] sum = new double[d];
        double[] squares = new double[d];
        double[][] e = new double[k][n];
        double[][] minus = new double[k][n];
        for (int p = 0; p < PAIRS; p++) {
            for (int s = 0; s < k; s++) {
                double[] z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = random.nextGaussian();
                }
                for (int i = 0; i < n; i++) {
                    double x = 0;
                    for (int j = 0; j <= i; j++) {
                        x += chol[s].get(i, j) * z[j];
                    }
                    e[s][i] = x;
                    minus[s][i] = -x;
                }
            }
            double[] plus = theory.perturbedDirection(theta, e);
            double[] neg = theory.perturbedDirection(theta, minus);
            for (int r = 0; r < d; r++) {
                double x = (plus[r] + neg[r]) / 2 - base[r];
                sum[r] += x;
                squares[r] += x * x;
            }
        }
        double meanNorm = 0;
        for (int r = 0; r < d; r++) {
            meanNorm += Math.pow(sum[r] / PAIRS, 2);
        }
        meanNorm = Math.sqrt(meanNorm);
        for (int r = 0; r < d; r++) {
            double mean = sum[r] / PAIRS;
            double se = Math.sqrt((squares[r] / PAIRS - mean * mean) / PAIRS);
            // The remainder is of relative size O(|C|) of the whole bias vector, not of each component.
            double tolerance = 4 * se + 0.03 * meanNorm;
            assertTrue(Math.abs(predicted.predicted()[r] - mean) <= tolerance, "component " + r + ": predicted "
                    + predicted.predicted()[r] + ", brute force " + mean + " (se " + se + "), |bias| " + meanNorm);
        }
        // Negative control: the brute-force bias is not 0, so predicting none would fail.
        assertTrue(meanNorm > 40 * Math.sqrt(squares[0] / PAIRS / PAIRS), "bias " + meanNorm);
        assertTrue(predicted.bound() > predicted.prediction(), "bound " + predicted.bound());
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
