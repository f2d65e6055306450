package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's {@code loaded} entry: its lambda key, its name in reports, and its refusal of replay. */
class LoadedSurrogateTest {

    private static EstimatorSpec create(String text) {
        return EstimatorCatalog.catalog().create(ComponentSpec.parse(text), Map.of());
    }

    @Test
    void lambdaIsAKeyWithDefaultOne() {
        SampledEstimatorSpec unbiased = (SampledEstimatorSpec) create("loaded");
        assertEquals(Surrogates.loaded(1.0), unbiased.surrogate());
        assertEquals("loaded", unbiased.surrogate().toString());
        SampledEstimatorSpec decayed = (SampledEstimatorSpec) create("loaded:lambda=0.5");
        assertEquals(Surrogates.loaded(0.5), decayed.surrogate());
        assertEquals("loaded(lambda=0.5)", decayed.surrogate().toString());
    }

    @Test
    void badLambdaAndReplayAreRefused() {
        InvalidSpecException range = assertThrows(InvalidSpecException.class, () -> create("loaded:lambda=1.5"));
        assertTrue(range.getMessage().contains("lambda"), range.getMessage());
        InvalidSpecException replay = assertThrows(InvalidSpecException.class,
                () -> create("loaded:offpolicy=256"));
        assertTrue(replay.getMessage().contains("no off-policy form"), replay.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Surrogates.loaded(-0.1));
    }

    /** The other surrogates have no lambda key. */
    @Test
    void onlyLoadedTakesLambda() {
        assertThrows(InvalidSpecException.class, () -> create("dice:lambda=0.5"));
        IteratedGame game = IteratedGame.finite(EstimatorFixtures.game("ipd"), 0.9, 5);
        assertTrue(create("loaded:batch=4:horizon=5").create(game) instanceof SampledEstimator);
    }
}
