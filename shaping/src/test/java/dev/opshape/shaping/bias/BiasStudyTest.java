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

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasStudyTest {

    private static final IteratedGame IPD20 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 20);

    private static BiasConfiguration configuration(String keys, int k, double eta, int batch) {
        LookaheadLola rule = (LookaheadLola) AgentCatalog.create(ComponentSpec.parse("lola:k=" + k + ":eta=" + eta
                + (keys.isEmpty() ? "" : ":" + keys)), AgentDefaults.standard(),
                Map.of("horizon", "20", "batch", Integer.toString(batch)));
        return new BiasConfiguration(keys, "", k, eta, batch, rule);
    }

    private static BiasStudyResult run(List<BiasConfiguration> configurations, int samples, int threads, int points) {
        return BiasStudy.run(new BiasStudyConfig(IPD20, 0, BiasStudyConfig.randomPoints(IPD20, points, 1.0, 11),
                configurations, samples, 4, threads), ProgressListener.NONE);
    }

    @Test
    void anExactConfigurationHasNoBiasNoVarianceAndCorrelationOne() {
        BiasStudyResult result = run(List.of(configuration("est=exact", 2, 0.5, 8)), 5, 1, 2);
        for (BiasRow row : result.rows()) {
            EstimatorBias b = row.bias();
            assertEquals(0.0, b.biasNorm().mean(), 1e-12);
            assertEquals(0.0, b.variance().mean(), 1e-12);
            assertEquals(0.0, b.squaredBias().mean(), 1e-12);
            assertEquals(1.0, b.corr().mean(), 1e-12);
            assertEquals(1.0, b.cosine().mean(), 1e-12);
            assertEquals(1.0, b.signAgreement().mean(), 0.0);
            assertArrayEquals(b.exact(), b.mean(), 1e-12);
        }
    }

    /**
     * At K = 0 the meta-gradient is the plain DiCE gradient, which is unbiased: its noise-corrected squared bias
     * interval and every component's bias interval cover 0 (95% intervals, 5 components and 1 squared bias: the
     * chance that an unbiased estimator fails some of them is about 25%, so the seed is fixed and the check is of
     * the aggregate; the per-component check is done with Bonferroni-width intervals, 99.2%, by widening t from
     * 1.96 to 2.65 in the comparison below).
     */
    @Test
    void diceAtKZeroIsUnbiased() {
        BiasStudyResult result = run(List.of(configuration("est=dice", 0, 0.3, 64)), 400, 2, 1);
        EstimatorBias b = result.rows().get(0).bias();
        assertTrue(b.squaredBias().covers(0.0), "squared bias " + b.squaredBias());
        for (Interval component : b.bias()) {
            double halfWidth95 = (component.ciHigh() - component.ciLow()) / 2;
            assertTrue(Math.abs(component.mean()) <= halfWidth95 * 2.65 / 1.96, "component " + component);
        }
    }

    @Test
    void lvcHasAMeasurableBiasAndLessVarianceThanDice() {
        BiasStudyResult result = run(List.of(configuration("est=dice", 1, 1.0, 64), configuration("est=lvc", 1,
                1.0, 64)), 300, 2, 1);
        EstimatorBias dice = result.rows().get(0).bias();
        EstimatorBias lvc = result.rows().get(1).bias();
        assertTrue(lvc.squaredBias().ciLow() > 0, "LVC squared bias " + lvc.squaredBias());
        assertTrue(lvc.variance().ciHigh() < dice.variance().ciLow(), lvc.variance() + " vs " + dice.variance());
    }

    @Test
    void resultsDoNotDependOnThreadsAndProgressCountsEstimates() {
        List<BiasConfiguration> c = List.of(configuration("est=dice:offpolicy=64", 2, 0.3, 16),
                configuration("est=lvc:baseline=learned", 1, 0.3, 16));
        BiasStudyResult one = run(c, 7, 1, 2);
        AtomicLong units = new AtomicLong();
        BiasStudyResult two = BiasStudy.run(new BiasStudyConfig(IPD20, 0, BiasStudyConfig.randomPoints(IPD20, 2,
                1.0, 11), c, 7, 4, 2), units::addAndGet);
        assertEquals(2 * 2 * 7, units.get());
        for (int r = 0; r < one.rows().size(); r++) {
            assertArrayEquals(one.rows().get(r).bias().mean(), two.rows().get(r).bias().mean(), 0.0);
            assertEquals(one.rows().get(r).bias().biasNorm(), two.rows().get(r).bias().biasNorm());
        }
    }

    /**
     * A warm buffer of the current policy (prefill at the study point) at K = 1: every weight is 1, so each estimate's
     * effective sample size is the whole buffer, prefill x B + B; K = 2 reuses it at the looked-ahead point (fewer);
     * an on-policy row records none.
     */
    @Test
    void rowsRecordTheReplayBuffersEffectiveSampleSize() {
        BiasStudyResult result = run(List.of(configuration("est=dice:offpolicy=64:prefill=3", 1, 0.3, 16),
                configuration("est=dice:offpolicy=64:prefill=2", 2, 1.0, 16), configuration("est=dice", 1, 0.3, 16)),
                5, 1, 1);
        assertEquals(64, result.rows().get(0).effectiveSampleSize(), 1e-9);
        double second = result.rows().get(1).effectiveSampleSize();
        assertTrue(second >= 1 && second < 64, "ESS " + second);
        assertTrue(Double.isNaN(result.rows().get(2).effectiveSampleSize()));
    }

    @Test
    void statisticsFollowTheirDefinitionsOnAHandExample() {
        double[] exact = {1, 0};
        double[][] samples = {{2, 0}, {0, 2}, {1, 1}};
        EstimatorBias b = BiasStatistics.of(exact, samples, 1, 1);
        // mean (1, 1); bias (0, 1); sample variances 1 and 1 -> tr Cov = 2; squared bias 1 - 2/3.
        assertArrayEquals(new double[] {1, 1}, b.mean(), 1e-15);
        assertEquals(1.0, b.biasNorm().mean(), 1e-15);
        assertEquals(2.0, b.variance().mean(), 1e-15);
        assertEquals(1.0 - 2.0 / 3, b.squaredBias().mean(), 1e-15);
        // |g_i - g|^2 = 1, 5, 1 -> mse 7/3 = |bias|^2 + tr Cov (N - 1)/N; cosines 1, 0, 1/sqrt 2.
        assertEquals(7.0 / 3, b.mse().mean(), 1e-15);
        assertEquals((1 + 0 + 1 / Math.sqrt(2)) / 3, b.cosine().mean(), 1e-15);
        // Pearson of 2-vectors is +-1: (2,0) vs (1,0) -> 1, (0,2) -> -1, (1,1) constant -> undefined.
        assertEquals(2, b.corrDefined());
        assertEquals(0.0, b.corr().mean(), 1e-15);
        assertEquals(1.0, BiasStatistics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
    }

    @Test
    void rejectsAnInfiniteHorizonAndMismatchedTrajectoryLengths() {
        List<BiasConfiguration> c = List.of(configuration("est=dice", 1, 0.3, 8));
        assertThrows(IllegalArgumentException.class, () -> new BiasStudyConfig(IteratedGame.infinite(
                BuiltInGames.IPD, 0.96), 0, List.of(new StudyPoint(new double[5], new double[5])), c, 5, 0, 1));
        IteratedGame ipd30 = IteratedGame.finite(BuiltInGames.IPD, 0.96, 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BiasStudyConfig(ipd30,
                0, List.of(new StudyPoint(new double[5], new double[5])), c, 5, 0, 1));
        assertTrue(e.getMessage().contains("samples 20 moves but the study's horizon is 30"), e.getMessage());
    }
}
