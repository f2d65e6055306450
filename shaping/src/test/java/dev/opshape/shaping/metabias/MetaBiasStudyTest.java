package dev.opshape.shaping.metabias;

import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.statistics.Interval;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meta-bias study on MDPs of the seed paper's random family: unbiased configurations have a noise-corrected
 * squared bias whose interval covers 0, the biased MAML-surrogate Hessian does not (negative control), common random
 * numbers make estimators with the same first derivative agree exactly under lee, an all-exact run has no error at
 * all, the injected Hessian error shows up and grows with c, and nothing depends on the number of threads.
 */
class MetaBiasStudyTest {

    private static final List<TabularMdp> MDPS = List.of(RandomMdps.PAPER.draw(5L, 0), RandomMdps.PAPER.draw(5L, 1));

    private static MetaBiasResult run(List<TabularMdp> mdps, String estimators, List<MetaParts> parts, int batch,
                                      List<Double> hessianBiases, int samples, int threads) {
        List<ComponentSpec> specs = ComponentSpec.parseList(estimators);
        MetaBiasSweep sweep = new MetaBiasSweep(specs, parts, List.of(1), List.of(10.0), List.of(batch),
                hessianBiases, 20);
        return MetaBiasStudy.run(new MetaBiasStudyConfig(MetaAlgorithm.MAML, mdps, 0.8, 20, sweep.configurations(), samples, 3L,
                threads), ProgressListener.NONE);
    }

    private static MetaBiasRow row(MetaBiasResult result, String estimator, MetaParts parts, int mdp) {
        for (MetaBiasRow r : result.rows()) {
            MetaBiasConfiguration c = result.config().configurations().get(r.configuration());
            if (c.estimator().equals(estimator) && c.parts() == parts && r.mdp() == mdp) {
                return r;
            }
        }
        throw new AssertionError(estimator + " " + parts + " on MDP " + mdp);
    }

    @Test
    void unbiasedPartsCoverZeroAndTheMamlHessianDoesNot() {
        MetaBiasResult result = run(MDPS.subList(0, 1), "dice:baseline=exact,maml", List.of(MetaParts.EEL,
                MetaParts.ELE), 8, List.of(0.0), 300, 2);
        for (MetaParts p : List.of(MetaParts.EEL, MetaParts.ELE)) {
            Interval sq = row(result, "dice:baseline=exact", p, 0).bias().squaredBias();
            assertTrue(sq.ciLow() <= 0 && 0 <= sq.ciHigh(), "DiCE " + p + " is unbiased: " + sq);
        }
        Interval maml = row(result, "maml", MetaParts.ELE, 0).bias().squaredBias();
        assertTrue(maml.ciLow() > 0, "the MAML surrogate's Hessian is biased: " + maml);
    }

    @Test
    void estimatorsWithTheSameGradientAgreeUnderLeeFromCommonRandomNumbers() {
        MetaBiasResult result = run(MDPS, "lvc,maml", List.of(MetaParts.LEE, MetaParts.ELE), 4, List.of(0.0), 5, 1);
        for (int m = 0; m < MDPS.size(); m++) {
            assertArrayEquals(row(result, "lvc", MetaParts.LEE, m).bias().mean(),
                    row(result, "maml", MetaParts.LEE, m).bias().mean(), 0.0);
            double lvc = row(result, "lvc", MetaParts.ELE, m).bias().mean()[0];
            double maml = row(result, "maml", MetaParts.ELE, m).bias().mean()[0];
            assertTrue(lvc != maml, "different Hessians must differ under ele");
        }
    }

    @Test
    void allExactHasNoErrorAndTheInjectedHessianBiasGrowsWithC() {
        MetaBiasResult result = run(MDPS.subList(0, 1), "lvc", List.of(MetaParts.EEE), 4, List.of(0.0, 1.0, 4.0),
                20, 1);
        MetaBiasRow exact = result.rows().get(0);
        assertEquals(0.0, exact.bias().squaredBias().mean(), 1e-24);
        assertEquals(0.0, exact.bias().variance().mean(), 1e-24);
        assertEquals(1.0, exact.bias().corr().mean(), 1e-12);
        double small = result.rows().get(1).bias().squaredBias().mean();
        double large = result.rows().get(2).bias().squaredBias().mean();
        assertTrue(small > 0 && large > 4 * small, "c = 1: " + small + ", c = 4: " + large);
    }

    @Test
    void resultsDoNotDependOnThreads() {
        MetaBiasResult one = run(MDPS, "dice", List.of(MetaParts.LLL), 3, List.of(0.0), 6, 1);
        MetaBiasResult two = run(MDPS, "dice", List.of(MetaParts.LLL), 3, List.of(0.0), 6, 2);
        for (int i = 0; i < one.rows().size(); i++) {
            assertArrayEquals(one.rows().get(i).bias().mean(), two.rows().get(i).bias().mean(), 0.0);
            assertEquals(one.rows().get(i).paper(), two.rows().get(i).paper());
        }
    }

    @Test
    void theSweepRefusesExactAndSampleKeys() {
        for (String spec : List.of("exact", "dice:batch=4", "lvc:offpolicy=8")) {
            MetaBiasSweep sweep = new MetaBiasSweep(ComponentSpec.parseList(spec), List.of(MetaParts.LEE),
                    List.of(1), List.of(1.0), List.of(4), List.of(0.0), 20);
            assertThrows(IllegalArgumentException.class, sweep::configurations, spec);
        }
        assertThrows(IllegalArgumentException.class, () -> MetaParts.parseList("lee,xyz"));
        assertEquals(MetaParts.SAMPLED, MetaParts.parseList("all,lee"));
    }

    /** The paper's two measures against a hand computation. */
    @Test
    void paperMeasuresMatchTheirDefinitions() {
        double[] exact = {1.0, 0.0};
        double[][] samples = {{1.0, 2.0}, {3.0, 2.0}, {2.0, 5.0}};
        PaperMeasures m = PaperMeasures.of(exact, samples, 1L, 2L);
        // Means (2, 3); sds 1 and sqrt(3); grad_mse = ((2-1)^2 + (3-0)^2) / 2 = 5.
        assertEquals(1.0 + Math.sqrt(3.0), m.sdSum().mean(), 1e-12);
        assertEquals(5.0, m.gradMse().mean(), 1e-12);
        assertTrue(m.gradMse().ciLow() <= 5.0 && 5.0 <= m.gradMse().ciHigh());
    }
}
