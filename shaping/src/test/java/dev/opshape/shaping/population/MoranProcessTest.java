package dev.opshape.shaping.population;

import dev.opshape.shaping.statistics.MeanEstimate;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Moran process against independent evidence: the textbook fixation probability of a mutant of constant
 * relative fitness r, (1 - 1/r) / (1 - 1/r^N) (Nowak 2006, "Evolutionary Dynamics", eq. 6.8); the absorption
 * probabilities of the birth-death chain solved as a linear system (not the product formula); seeded simulations
 * within 4 standard errors of the exact values, with a negative control (neutral drift's 1/N) far outside them;
 * and the mutation-selection chain's exact stationary share (detailed balance) against the simulated one.
 */
class MoranProcessTest {

    /** Axelrod's PD between TFT and ALLD over 200 moves (per move): a 2 x 2 game with a bistable population. */
    private static final double[][] TFT_ALLD = {{3, 0.995}, {1.02, 1}};

    @Test
    void constantFitnessGivesTheTextbookFormula() {
        for (double r : new double[] {0.7, 1.1, 2.0}) {
            for (int n : new int[] {2, 5, 40}) {
                MoranProcess moran = new MoranProcess(new double[][] {{r, r}, {1, 1}}, n, 1.0, FitnessMap.LINEAR);
                double expected = (1 - 1 / r) / (1 - Math.pow(1 / r, n));
                assertEquals(expected, moran.fixationProbability(0, 1), 1e-12 * expected, "r=" + r + " N=" + n);
            }
        }
        MoranProcess neutral = new MoranProcess(TFT_ALLD, 25, 0.0, FitnessMap.LINEAR);
        assertEquals(1.0 / 25, neutral.fixationProbability(0, 1), 1e-15);
    }

    /** phi_k = T+_k phi_{k+1} + T-_k phi_{k-1} + (1 - T+_k - T-_k) phi_k, phi_0 = 0, phi_N = 1, solved directly. */
    private static double absorption(double[][] a, int n, double w, FitnessMap map) {
        RealMatrix m = new Array2DRowRealMatrix(n + 1, n + 1);
        double[] b = new double[n + 1];
        m.setEntry(0, 0, 1);
        m.setEntry(n, n, 1);
        b[n] = 1;
        for (int k = 1; k < n; k++) {
            double f = map.fitness((a[0][0] * (k - 1) + a[0][1] * (n - k)) / (n - 1), w);
            double g = map.fitness((a[1][0] * k + a[1][1] * (n - k - 1)) / (n - 1), w);
            double total = k * f + (n - k) * g;
            double up = k * f / total * (n - k) / n;
            double down = (n - k) * g / total * k / n;
            m.setEntry(k, k + 1, up);
            m.setEntry(k, k - 1, down);
            m.setEntry(k, k, -(up + down));
        }
        return new LUDecomposition(m).getSolver().solve(new ArrayRealVector(b)).getEntry(1);
    }

    @Test
    void theClosedFormIsTheBirthDeathChainsAbsorption() {
        double[][] ipd = {{-1, -3}, {0, -2}};
        for (int n : new int[] {3, 10, 60}) {
            for (double w : new double[] {0.1, 1.0, 3.0}) {
                MoranProcess moran = new MoranProcess(ipd, n, w, FitnessMap.EXPONENTIAL);
                double expected = absorption(ipd, n, w, FitnessMap.EXPONENTIAL);
                assertEquals(expected, moran.fixationProbability(0, 1), 1e-12 + 1e-9 * expected);
            }
            MoranProcess linear = new MoranProcess(TFT_ALLD, n, 0.4, FitnessMap.LINEAR);
            assertEquals(absorption(TFT_ALLD, n, 0.4, FitnessMap.LINEAR), linear.fixationProbability(0, 1), 1e-12);
            double[][] swapped = {{TFT_ALLD[1][1], TFT_ALLD[1][0]}, {TFT_ALLD[0][1], TFT_ALLD[0][0]}};
            assertEquals(absorption(swapped, n, 0.4, FitnessMap.LINEAR), linear.fixationProbability(1, 0), 1e-12);
        }
    }

    @Test
    void simulatedFixationAgreesWithTheClosedFormWithinFourStandardErrors() {
        MoranProcess moran = new MoranProcess(TFT_ALLD, 10, 1.0, FitnessMap.LINEAR);
        for (int[] pair : new int[][] {{0, 1}, {1, 0}}) {
            double exact = moran.fixationProbability(pair[0], pair[1]);
            MeanEstimate sim = moran.simulateFixation(pair[0], pair[1], 20_000, 7);
            double se = Math.sqrt(exact * (1 - exact) / sim.n());
            assertTrue(Math.abs(sim.mean() - exact) < 4 * se, sim + " vs " + exact);
            // Negative control: neutral drift's 1/N is far outside the simulated interval.
            assertTrue(Math.abs(sim.mean() - 0.1) > 8 * se, sim + " vs 1/N");
        }
    }

    @Test
    void simulatedSharesWithMutationAgreeWithTheExactStationaryChain() {
        int n = 8;
        double mu = 0.1;
        double w = 1.0;
        MoranProcess moran = new MoranProcess(TFT_ALLD, n, w, FitnessMap.LINEAR);
        // Detailed balance on the count k of type 0.
        double[] pi = new double[n + 1];
        pi[0] = 1;
        for (int k = 0; k < n; k++) {
            pi[k + 1] = pi[k] * up(k, n, mu, w) / down(k + 1, n, mu, w);
        }
        double norm = 0;
        double share = 0;
        for (int k = 0; k <= n; k++) {
            norm += pi[k];
            share += pi[k] * k / n;
        }
        share /= norm;
        List<MeanEstimate> sim = moran.simulateStationary(mu, 40_000, 2_000, 20, 11);
        MeanEstimate tft = sim.get(0);
        assertTrue(Math.abs(tft.mean() - share) < 4 * tft.sd() / Math.sqrt(tft.n()), tft + " vs " + share);
        assertEquals(1.0, sim.get(0).mean() + sim.get(1).mean(), 1e-12);
        assertTrue(Math.abs(tft.mean() - 0.5) > 8 * tft.sd() / Math.sqrt(tft.n()), "negative control: " + tft);
    }

    private static double[] fitness(int k, int n, double w) {
        double f = k == 0 ? 0 : FitnessMap.LINEAR.fitness((TFT_ALLD[0][0] * (k - 1) + TFT_ALLD[0][1] * (n - k))
                / (n - 1), w);
        double g = k == n ? 0 : FitnessMap.LINEAR.fitness((TFT_ALLD[1][0] * k + TFT_ALLD[1][1] * (n - k - 1))
                / (n - 1), w);
        return new double[] {f, g};
    }

    private static double up(int k, int n, double mu, double w) {
        double[] fg = fitness(k, n, w);
        double total = k * fg[0] + (n - k) * fg[1];
        return (k * fg[0] * (1 - mu) + (n - k) * fg[1] * mu) / total * (n - k) / n;
    }

    private static double down(int k, int n, double mu, double w) {
        double[] fg = fitness(k, n, w);
        double total = k * fg[0] + (n - k) * fg[1];
        return ((n - k) * fg[1] * (1 - mu) + k * fg[0] * mu) / total * k / n;
    }

    @Test
    void rareMutationsSplitTimeByTheRatioOfFixationProbabilities() {
        MoranProcess moran = new MoranProcess(TFT_ALLD, 30, 1.0, FitnessMap.LINEAR);
        double[] stationary = moran.rareMutationDistribution();
        double rho01 = moran.fixationProbability(0, 1);
        double rho10 = moran.fixationProbability(1, 0);
        assertEquals(rho01 / (rho01 + rho10), stationary[0], 1e-12);
        assertEquals(1.0, stationary[0] + stationary[1], 1e-12);
    }

    @Test
    void badParametersAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MoranProcess(new double[][] {{-1, -3}, {0, -2}}, 10, 1.0, FitnessMap.LINEAR));
        assertTrue(e.getMessage().contains("<= 0 at w = 1.0") && e.getMessage().contains("exponential"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MoranProcess(TFT_ALLD, 1, 1.0, FitnessMap.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> new MoranProcess(TFT_ALLD, 10, 1.5, FitnessMap.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> new MoranProcess(new double[][] {{1}}, 10, 1.0,
                FitnessMap.LINEAR));
    }
}
