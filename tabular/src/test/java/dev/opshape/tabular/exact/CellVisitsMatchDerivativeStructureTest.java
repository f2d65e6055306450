package dev.opshape.tabular.exact;

import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.testkit.AllocationCounter;
import dev.opshape.testkit.TabularReferenceValue;
import dev.opshape.testkit.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cell visits D(c) and their directional derivative against their definitions, evaluated independently: D(c) is the
 * value of the reward table e_c (1 in cell c, 0 elsewhere) and D'(c) along v is v . grad V_{e_c}, both from the
 * DerivativeStructure reference value (one evaluation per cell), to 1e-10 relative.
 */
class CellVisitsMatchDerivativeStructureTest {

    @ParameterizedTest(name = "T {0} noise {1}")
    @CsvSource({"0, 0.0", "20, 0.0", "0, 0.1", "7, 0.2"})
    void visitsAndTheirDerivativeMatchTheReference(int horizon, double noise) {
        TabularMdp mdp = horizon == 0 && noise == 0 ? RandomMdps.PAPER.draw(3, 0)
                : new RandomMdps(6, 3, 0.5, 0.0, 1.0, 0).draw(3, 1);
        TabularProblem problem = TabularProblem.of(mdp.model(), 0.8, horizon, noise);
        SplittableRandom random = new SplittableRandom(horizon * 31L + 7);
        int d = problem.layout().dimension();
        double[] theta = Vectors.gaussian(random, d, 1.0);
        double[] v = Vectors.gaussian(random, d, 1.0);
        ExactEvaluator exact = problem.newEvaluator();
        exact.setPoint(theta);
        int cells = mdp.model().numCells();
        double[] visits = new double[cells];
        double[] visitsDot = new double[cells];
        exact.cellVisits(visits);
        exact.cellVisitsDirectional(v, visitsDot);

        double[] expected = new double[cells];
        double[] expectedDot = new double[cells];
        for (int c = 0; c < cells; c++) {
            double[] unit = new double[cells];
            unit[c] = 1.0;
            TabularProblem indicator = TabularProblem.of(mdp.model().withRewards(0, unit), 0.8, horizon, noise);
            expected[c] = TabularReferenceValue.value(indicator, 0, theta);
            double[] g = TabularReferenceValue.gradient(indicator, 0, theta);
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += g[i] * v[i];
            }
            expectedDot[c] = dot;
        }
        assertClose(expected, visits, "D");
        assertClose(expectedDot, visitsDot, "D'");
        // The identity the visits stand for: V = sum_c D(c) r(c).
        double v0 = 0;
        double[] r = mdp.rewardsByCell();
        for (int c = 0; c < cells; c++) {
            v0 += visits[c] * r[c];
        }
        assertEquals(exact.value(0), v0, 1e-12 * Math.max(1, Math.abs(v0)));
    }

    @Test
    void queriesDoNotAllocate() {
        TabularModel model = RandomMdps.PAPER.draw(3, 0).model();
        for (int horizon : new int[] {0, 20}) {
            ExactEvaluator exact = TabularProblem.of(model, 0.8, horizon, 0).newEvaluator();
            double[] theta = Vectors.gaussian(new SplittableRandom(1), 100, 1.0);
            double[] out = new double[100];
            exact.setPoint(theta);
            exact.cellVisits(out);
            exact.cellVisitsDirectional(theta, out);
            long bytes = AllocationCounter.fewestBytes(attempt -> {
                for (int call = 0; call < 1000; call++) {
                    exact.cellVisits(out);
                    exact.cellVisitsDirectional(theta, out);
                }
            });
            assertTrue(bytes == 0, bytes + " bytes per call");
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 1.0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual[c], 1e-10 * scale, what + "[" + c + "]");
        }
    }
}
