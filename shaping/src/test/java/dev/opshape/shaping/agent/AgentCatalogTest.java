package dev.opshape.shaping.agent;

import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.FixedStrategyRule;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.StableOpponentShaping;
import dev.opshape.shaping.learner.TaylorLola;
import dev.opshape.tabular.catalog.ComponentSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentCatalogTest {

    private static final AgentDefaults DEFAULTS = new AgentDefaults(0.3);

    @Test
    void parsesNamesKeysAndLists() {
        List<ComponentSpec> specs = ComponentSpec.parseList("nl, LOLA:k=2:eta=0.5 ,probs:p=1/1/0/1/0");
        assertEquals(3, specs.size());
        assertEquals("lola", specs.get(1).name());
        assertEquals(Map.of("k", "2", "eta", "0.5"), specs.get(1).params());
        assertEquals("1/1/0/1/0", specs.get(2).params().get("p"));
    }

    @Test
    void buildsEachLearnerWithItsKeysAndDefaults() {
        LookaheadLola lola = (LookaheadLola) AgentCatalog.create(ComponentSpec.parse("lola:k=3"), DEFAULTS);
        assertEquals(3, lola.lookahead());
        assertEquals(0.3, lola.eta());
        assertEquals(1, ((LookaheadLola) AgentCatalog.create(ComponentSpec.parse("lola"), DEFAULTS)).lookahead());
        TaylorLola taylor = (TaylorLola) AgentCatalog.create(ComponentSpec.parse("lola-taylor:full=true:eta=2"),
                DEFAULTS);
        assertTrue(taylor.full());
        assertEquals(2.0, taylor.eta());
        StableOpponentShaping sos = (StableOpponentShaping) AgentCatalog.create(ComponentSpec.parse("sos:a=0.25"),
                DEFAULTS);
        assertEquals(0.25, sos.a());
        assertEquals(0.1, sos.b());
        assertInstanceOf(FixedStrategyRule.class, AgentCatalog.create(ComponentSpec.parse("gtft:g=0.2"), DEFAULTS));
    }

    /** Loaded DiCE's lambda and the noisy baseline's scale reach the parts that take them, and only those. */
    @Test
    void surrogateAndBaselineKeysReachTheirParts() {
        LookaheadLola lola = (LookaheadLola) AgentCatalog.create(ComponentSpec.parse(
                "lola:est=dice:hessian=loaded/64:lambda=0.5:baseline=noisy:noise=2"), DEFAULTS);
        SampledEstimatorSpec hessian = (SampledEstimatorSpec) lola.hessian();
        SampledEstimatorSpec inner = (SampledEstimatorSpec) lola.inner();
        assertEquals(Surrogates.loaded(0.5).toString(), hessian.surrogate().toString());
        assertEquals(64, hessian.batch());
        assertEquals(Surrogates.dice().toString(), inner.surrogate().toString());
        assertEquals(BaselineKind.NOISY, inner.baseline());
        assertEquals(2.0, inner.noise());
        assertEquals(2.0, hessian.noise());
        assertTrue(lola.exactCounterpart() instanceof LookaheadLola exact && exact.inner().isExact()
                && exact.hessian().isExact() && exact.outer().isExact() && exact.lookahead() == 1);
    }

    @Test
    void samplingKeysAreTakenWhenAnyPartIsSampled() {
        LookaheadLola lola = (LookaheadLola) AgentCatalog.create(ComponentSpec.parse(
                "lola:inner=dice:batch=5:horizon=7"), DEFAULTS);
        assertEquals(5, ((SampledEstimatorSpec) lola.inner()).batch());
        assertTrue(lola.hessian().isExact() && lola.outer().isExact());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                 | empty spec",
        ":k=1               | has no name",
        "lola:k             | 'k' is not key=value",
        "lola:k=1:k=2       | sets key 'k' twice",
        "foo                | unknown agent 'foo'",
        "lola:q=1           | unknown key 'q'; lola takes baseline, batch, clip, est, eta, hessian, horizon, inner, k, lambda, noise, offpolicy, om, ombatch, omhorizon, outer, prefill, replay",
        "nl:eta=1           | unknown key 'eta'; nl takes baseline, batch, est, horizon",
        "lola:est=foo       | est=foo is not one of exact, dice, lvc, maml, loaded",
        "lola:inner=dice/0  | inner=dice/0 is not exact, dice[/B], lvc[/B], maml[/B] or loaded[/B] with a batch size B in [1, 16777216]",
        "lola:baseline=avg  | baseline=avg is not one of none, mean, learned, exact",
        "nl:est=dice:noise=2 | it needs baseline=noisy",
        "lola:est=dice:lambda=0.5 | lambda=0.5 applies to loaded only, and no part of this spec uses it",
        "lola:offpolicy=10  | offpolicy=10 must hold at least one batch (128 trajectories), or be 0",
        "lola:est=dice:prefill=2 | prefill=2 applies to a replay buffer only; it needs offpolicy > 0",
        "lola:est=dice:replay=shared | replay=shared applies to a replay buffer only; it needs offpolicy > 0",
        "lola:est=dice:offpolicy=256:prefill=3 | prefill=3 is 3 batches of 128 trajectories, more than offpolicy=256 holds (at most 2)",
        "lola:est=dice:offpolicy=256:replay=both | replay=both is not one of own, shared",
        "lola:prefill=1     | prefill=1 applies to sampled parts only",
        "lola:horizon=0     | horizon=0 is not an integer in [1, 16777216]",
        "nl:batch=5         | batch=5 applies to sampled parts only, and every part of this spec is exact",
        "lola:k=2:horizon=20 | horizon=20 applies to sampled parts only",
        "sos:baseline=none  | baseline=none applies to sampled parts only",
        "lola-taylor:clip=1 | unknown key 'clip'",
        "lola:clip=1        | clip=1 applies to sampled parts only",
        "lola:ombatch=5     | ombatch=5 applies to om=counts only",
        "lola:om=guess      | om=guess is not one of none, counts",
        "tft:g=1            | tft takes no keys",
        "lola:k=-1          | k=-1 is not an integer in [0, 10000]",
        "lola:k=two         | k=two is not an integer",
        "lola:eta=NaN       | eta=NaN is not a finite number",
        "lola-taylor:full=1 | full=1 is not true or false",
        "sos:a=1.5          | a=1.5 is not a number in (0, 1)"})
    void rejectsBadSpecsWithOneClearLine(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentCatalog.create(ComponentSpec.parse(text), DEFAULTS));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
