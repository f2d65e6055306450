package dev.opshape.tabular.mdp;

import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random MDPs: keyed by (seed, index) alone, and distributed as stated. The moments are checked against the
 * Dirichlet's closed forms with tolerances of 5 standard errors of the sample mean (fixed seeds), and a negative
 * control shows that the test separates concentration 0.001 from 0.01.
 */
class RandomMdpsTest {

    @Test
    void anMdpDependsOnlyOnSeedAndIndex() {
        TabularMdp third = RandomMdps.PAPER.draw(42, 3);
        assertEquals(third, RandomMdps.PAPER.draw(42, 3));
        for (int i = 0; i < 3; i++) {
            RandomMdps.PAPER.draw(42, i);
        }
        assertEquals(third, RandomMdps.PAPER.draw(42, 3), "drawing other MDPs first changes nothing");
        assertNotEquals(third.transitionTable()[0][0][0] + third.reward(0, 0),
                RandomMdps.PAPER.draw(42, 4).transitionTable()[0][0][0] + RandomMdps.PAPER.draw(42, 4).reward(0, 0));
        assertNotEquals(third, RandomMdps.PAPER.draw(43, 3));
    }

    @Test
    void rewardsAndTransitionsHaveSeparateStreams() {
        RandomMdps wide = new RandomMdps(20, 5, 0.001, -3.0, 5.0, 0);
        RandomMdps flat = new RandomMdps(20, 5, 1.0, 0.0, 1.0, 0);
        TabularMdp paper = RandomMdps.PAPER.draw(1, 0);
        assertTrue(Arrays.deepEquals(paper.transitionTable(), wide.draw(1, 0).transitionTable()));
        double[] r = paper.rewardsByCell();
        double[] rWide = wide.draw(1, 0).rewardsByCell();
        for (int c = 0; c < r.length; c++) {
            assertEquals(-3.0 + 8.0 * r[c], rWide[c], 1e-12);
        }
        assertTrue(Arrays.equals(r, flat.draw(1, 0).rewardsByCell()));
    }

    @Test
    void thePapersSettingIsNearlyDeterministicAndValid() {
        TabularMdp mdp = RandomMdps.PAPER.draw(0, 0);
        assertEquals(20, mdp.numStates());
        assertEquals(5, mdp.numActions());
        assertEquals(1.0, mdp.startDistribution()[0]);
        double largest = 0;
        for (double[][] rows : mdp.transitionTable()) {
            for (double[] row : rows) {
                double max = 0;
                double sum = 0;
                for (double p : row) {
                    assertTrue(p >= 0);
                    max = Math.max(max, p);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-12);
                largest += max;
            }
        }
        // E[max component] of Dirichlet(0.001 x 20) is about 0.98: most rows put nearly all mass on one state.
        assertTrue(largest / 100 > 0.9, "mean largest probability " + largest / 100);
    }

    /**
     * E[p_j] = 1/S and E[p_j^2] = alpha (alpha + 1) / (S alpha (S alpha + 1)) for a symmetric Dirichlet(alpha) over
     * S components; with S = 20: 0.05 and 0.04907 for alpha = 0.001, 0.0417 for alpha = 0.01, 0.00476 for alpha = 1.
     */
    @Test
    void rowMomentsMatchTheDirichlet() {
        for (double alpha : new double[] {0.001, 0.05, 1.0, 30.0}) {
            double[] moments = rowMoments(alpha, 100);
            double s = 20;
            assertWithin("E[p] alpha " + alpha, 1 / s, moments[0], moments[1]);
            assertWithin("E[p^2] alpha " + alpha, alpha * (alpha + 1) / (s * alpha * (s * alpha + 1)), moments[2],
                    moments[3]);
        }
    }

    @Test
    void negativeControlTheMomentTestSeparatesConcentrations() {
        double[] moments = rowMoments(0.01, 100);
        double expectedForPaper = 0.001 * 1.001 / (20 * 0.001 * (20 * 0.001 + 1));
        assertTrue(Math.abs(moments[2] - expectedForPaper) > 5 * moments[3],
                "alpha 0.01 must fail the alpha 0.001 check");
    }

    @Test
    void rewardsAreUniform() {
        RandomMdps spec = new RandomMdps(20, 5, 1.0, 0.0, 1.0, 0);
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (int i = 0; i < 200; i++) {
            for (double r : spec.draw(11, i).rewardsByCell()) {
                assertTrue(r >= 0 && r < 1);
                sum += r;
                sumSquares += r * r;
                n++;
            }
        }
        assertEquals(0.5, sum / n, 5 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 3, sumSquares / n, 5 * Math.sqrt((1.0 / 5 - 1.0 / 9) / n));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertMessage("states = 0", () -> new RandomMdps(0, 5, 0.001, 0, 1, 0));
        assertMessage("actions = 1", () -> new RandomMdps(20, 1, 0.001, 0, 1, 0));
        assertMessage("concentration = 0.0", () -> new RandomMdps(20, 5, 0, 0, 1, 0));
        assertMessage("concentration = NaN", () -> new RandomMdps(20, 5, Double.NaN, 0, 1, 0));
        assertMessage("reward range [1.0, 0.0)", () -> new RandomMdps(20, 5, 1, 1, 0, 0));
        assertMessage("start state = 20", () -> new RandomMdps(20, 5, 1, 0, 1, 20));
        assertMessage("transition entries", () -> new RandomMdps(10_000, 5, 1, 0, 1, 0));
    }

    /** Sample mean and standard error of p_0 and of p_0^2 over rows of MDPs with S = 20, A = 5. */
    private static double[] rowMoments(double alpha, int mdps) {
        RandomMdps spec = new RandomMdps(20, 5, alpha, 0.0, 1.0, 0);
        double sumP = 0;
        double sumP2 = 0;
        double sumP4 = 0;
        int n = 0;
        for (int i = 0; i < mdps; i++) {
            for (double[][] rows : spec.draw(5, i).transitionTable()) {
                for (double[] row : rows) {
                    for (double p : row) {
                        // Components of one row are exchangeable; using all of them is 20x the data, and the
                        // standard error below is computed as if they were independent, which is conservative
                        // here because they are negatively correlated (they sum to 1).
                        sumP += p;
                        sumP2 += p * p;
                        sumP4 += p * p * p * p;
                        n++;
                    }
                }
            }
        }
        double m1 = sumP / n;
        double m2 = sumP2 / n;
        return new double[] {m1, Math.sqrt((m2 - m1 * m1) / n), m2, Math.sqrt((sumP4 / n - m2 * m2) / n)};
    }

    private static void assertWithin(String what, double expected, double mean, double standardError) {
        assertTrue(Math.abs(mean - expected) <= 5 * standardError + 1e-15,
                what + ": mean " + mean + ", expected " + expected + " +- 5 x " + standardError);
    }

    private static void assertMessage(String fragment, Runnable make) {
        InvalidModelException e = assertThrows(InvalidModelException.class, make::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
