package dev.opshape.shaping.bias;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.statistics.Interval;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The theory columns of a bias study against its measurements: the second-order prediction matches the measured
 * compositional bias (only the lookahead sampled), and the first-order bound is above the lower end of every
 * row's measured |bias| interval over the sweep K 1..3, eta 0.3 and 1, B 16..1024.
 */
class CompositionalTheoryStudyTest {

    private static final IteratedGame IPD20 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 20);

    private static BiasConfiguration configuration(String keys, int k, double eta, int batch) {
        LookaheadLola rule = (LookaheadLola) AgentCatalog.create(ComponentSpec.parse("lola:k=" + k + ":eta=" + eta
                + ":" + keys), AgentDefaults.standard(), Map.of("horizon", "20", "batch", Integer.toString(batch)));
        return new BiasConfiguration(keys, "", k, eta, batch, rule);
    }

    private static BiasStudyResult run(List<BiasConfiguration> configurations, int samples) {
        return BiasStudy.run(new BiasStudyConfig(IPD20, 0, BiasStudyConfig.randomPoints(IPD20, 1, 1.0, 11),
                configurations, samples, 4, 2, true), ProgressListener.NONE);
    }

    /**
     * Inner steps sampled (DiCE, B = 32), everything else exact: each component of the measured bias agrees with the
     * prediction within 4 standard errors plus 20% of the predicted norm (the covariances behind it are estimated
     * from 200 replicates, about 10% error each, and the remainder is third order).
     */
    @Test
    void thePredictionMatchesTheMeasuredCompositionalBias() {
        BiasStudyResult result = run(List.of(configuration("est=exact:inner=dice", 1, 1.0, 32),
                configuration("est=exact:inner=dice", 2, 1.0, 32)), 6000);
        for (BiasRow row : result.rows()) {
            CompositionalTheory.Theory theory = row.theory();
            EstimatorBias b = row.bias();
            for (int r = 0; r < theory.predicted().length; r++) {
                Interval component = b.bias()[r];
                double se = (component.ciHigh() - component.ciLow()) / (2 * 1.96);
                assertTrue(Math.abs(component.mean() - theory.predicted()[r]) <= 4 * se + 0.2 * theory.prediction(),
                        "K " + row.configuration() + " component " + r + ": measured " + component + ", predicted "
                                + theory.predicted()[r]);
            }
            // The measured bias is resolved, so the agreement is not that of two zeros.
            assertTrue(b.biasNorm().ciLow() > 0.3 * theory.prediction(), "bias " + b.biasNorm());
        }
    }

    @Test
    void theBoundHoldsOnEveryRowOfTheSweep() {
        List<BiasConfiguration> sweep = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            for (double eta : new double[] {0.3, 1.0}) {
                for (int batch : new int[] {16, 64, 256, 1024}) {
                    sweep.add(configuration("est=dice", k, eta, batch));
                }
            }
        }
        BiasStudyResult result = run(sweep, 200);
        for (BiasRow row : result.rows()) {
            BiasConfiguration c = sweep.get(row.configuration());
            double low = row.bias().biasNorm().ciLow();
            assertTrue(row.theory().bound() >= low, "K " + c.k() + " eta " + c.eta() + " B " + c.batch()
                    + ": bound " + row.theory().bound() + " < |bias| lower end " + low);
        }
    }

    @Test
    void anExactLookaheadHasZeroTheoryAndAReplayedOneNone() {
        BiasStudyResult result = run(List.of(configuration("est=dice:inner=exact:hessian=dice", 2, 1.0, 16),
                configuration("est=dice:offpolicy=64", 2, 1.0, 16), configuration("est=dice", 0, 1.0, 16)), 4);
        assertEquals(0.0, result.rows().get(0).theory().bound(), 0.0);
        assertEquals(0.0, result.rows().get(0).theory().prediction(), 0.0);
        assertTrue(result.rows().get(0).theory().c2() > 0);
        assertNull(result.rows().get(1).theory());
        assertNull(result.rows().get(2).theory());
    }
}
