package dev.opshape.shaping.analysis;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.games.strategy.Memory1Strategy;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The documented labelling rules on strategy pairs whose outcome is known by construction. */
class OutcomeClassifierTest {

    private static PolicyOutcome outcome(MatrixGame game, double gamma, String s1, String s2) {
        ExactEvaluator exact = IteratedGame.infinite(game, gamma).newEvaluator();
        return PolicyOutcome.evaluate(exact, FixedStrategies.create(s1, game, 0).logits(game, 0),
                FixedStrategies.create(s2, game, 1).logits(game, 1));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "tft, tft, tft-like",
        "grim, tft, tft-like",
        "wsls, wsls, wsls-like",
        "allc, allc, mutual-cooperation",
        "allc, tft, mutual-cooperation",
        "alld, alld, mutual-defection",
        "tft, alld, mutual-defection",
        "allc, alld, exploitation",
        "alld, allc, exploitation",
        "random, random, other"})
    void prisonersDilemmaPairs(String s1, String s2, String label) {
        assertEquals(label, outcome(BuiltInGames.IPD, 0.96, s1, s2).label().display());
    }

    @ParameterizedTest(name = "p = {0} -> {1}")
    @CsvSource({"0.5, mixed-equilibrium", "0.54, mixed-equilibrium", "0.56, other", "1.0, other"})
    void matchingPenniesNeedsEveryStateNearOneHalf(double p, String label) {
        MatrixGame imp = BuiltInGames.IMP;
        double[] probs = {0.5, 0.5, 0.5, 0.5, 0.5};
        probs[3] = p;
        Memory1Strategy s = Memory1Strategy.ofCooperation("x", probs);
        ExactEvaluator exact = IteratedGame.infinite(imp, 0.9).newEvaluator();
        PolicyOutcome o = PolicyOutcome.evaluate(exact, s.logits(imp, 0),
                FixedStrategies.create("random", imp, 1).logits(imp, 1));
        assertEquals(label, o.label().display());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rps", "bos"})
    void otherGamesAreNotLabelled(String game) {
        MatrixGame g = BuiltInGames.byName(game).orElseThrow();
        assertEquals(OutcomeLabel.OTHER, outcome(g, 0.9, "random", "random").label());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tft, 1.0", "alld, 0.0"})
    void cooperationFrequenciesAreExact(String s, double expected) {
        PolicyOutcome o = outcome(BuiltInGames.IPD, 0.96, s, s);
        assertEquals(expected, o.pCoop1(), 1e-12);
        assertEquals(expected, o.pCoop2(), 1e-12);
    }
}
