package dev.opshape.games.strategy;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way of asking for a strategy that does not exist, or does not fit its game, is refused with an
 * {@link InvalidModelException} whose one-line message names the bad name, key or value and what is allowed.
 */
class FixedStrategyRejectionTest {

    private static final MatrixGame IPD = BuiltInGames.IPD;

    private static Arguments rejected(String label, Executable call, String... fragments) {
        return arguments(Named.of(label, call), List.of(fragments));
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                rejected("unknown name", () -> FixedStrategies.create("titfortwotats", IPD, 0),
                        "unknown strategy 'titfortwotats'", "known: allc, alld, tft"),
                rejected("key on a strategy without keys", () -> FixedStrategies.create("tft", Map.of("g", "0.1"),
                        IPD, 0), "strategy 'tft:g=0.1': unknown key 'g'", "tft takes no keys"),
                rejected("unknown key", () -> FixedStrategies.create("extort", Map.of("kappa", "2"), IPD, 0),
                        "strategy 'extort:kappa=2': unknown key 'kappa'", "extort takes chi, phi"),
                rejected("forgiveness above 1", () -> FixedStrategies.create("gtft", Map.of("g", "1.5"), IPD, 0),
                        "g=1.5", "is not a number in [0, 1]"),
                rejected("forgiveness not a number", () -> FixedStrategies.create("gtft", Map.of("g", "half"), IPD,
                        0), "g=half", "is not a number in [0, 1]"),
                rejected("NaN forgiveness", () -> FixedStrategies.create("gtft", Map.of("g", "NaN"), IPD, 0),
                        "g=NaN", "is not a number in [0, 1]"),
                rejected("chi below 1", () -> FixedStrategies.create("extort", Map.of("chi", "0.5"), IPD, 0),
                        "chi=0.5", "is not a number in [1, inf]"),
                rejected("infinite chi", () -> FixedStrategies.create("extort", Map.of("chi", "Infinity"), IPD, 0),
                        "chi=Infinity", "is not a number in [1, inf]"),
                rejected("phi zero", () -> FixedStrategies.create("extort", Map.of("phi", "0"), IPD, 0),
                        "phi=0", "is not a number in (0, 1]"),
                rejected("phi above 1", () -> FixedStrategies.create("extort", Map.of("phi", "1.01"), IPD, 0),
                        "phi=1.01", "is not a number in (0, 1]"),
                rejected("probs without p", () -> FixedStrategies.create("probs", IPD, 0),
                        "'probs' needs key p"),
                rejected("probs with too few values", () -> FixedStrategies.create("probs", Map.of("p", "1/0/1"),
                        IPD, 0), "p=1/0/1 has 3 values", "needs 5"),
                rejected("probs with a bad value", () -> FixedStrategies.create("probs", Map.of("p", "1/1/x/1/0"),
                        IPD, 0), "p = 'x'", "not a finite number"),
                rejected("probs with a negative value", () -> FixedStrategies.create("probs",
                        Map.of("p", "1/1/-0.1/1/0"), IPD, 0), "p = -0.1", "not a probability"),
                rejected("probs for a 3-action agent", () -> FixedStrategies.create("probs",
                        Map.of("p", "1/1/1/1/1/1/1/1/1/1"), BuiltInGames.RPS, 0), "needs a 2-action agent",
                        "3 actions"),
                rejected("tft in rock-paper-scissors", () -> FixedStrategies.create("tft", BuiltInGames.RPS, 0),
                        "'tft' needs a symmetric 2x2 game", "'rps'"),
                rejected("wsls in an asymmetric 2x2 game", () -> FixedStrategies.create("wsls", BuiltInGames.BOS,
                        1), "'wsls' needs a symmetric 2x2 game", "'bos'"),
                rejected("extort in a stag hunt", () -> FixedStrategies.create("extort", BuiltInGames.STAG_HUNT, 0),
                        "'extort' is defined for prisoner's dilemmas", "'stag-hunt' is a stag hunt"),
                rejected("default gtft in chicken", () -> FixedStrategies.create("gtft", BuiltInGames.CHICKEN, 0),
                        "'gtft' is defined for prisoner's dilemmas", "'chicken' is a chicken"),
                rejected("an IPD table played in RPS", () -> FixedStrategies.create("tft", IPD, 0)
                        .logits(BuiltInGames.RPS, 0), "'tft' has 5 states of 2 actions",
                        "agent 1 of game 'rps' has 10 states of 3 actions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void isRejectedWithAClearMessage(Executable call, List<String> fragments) {
        InvalidModelException e = assertThrows(InvalidModelException.class, call);
        String message = e.getMessage();
        assertTrue(message.indexOf('\n') < 0, "one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "message should contain '" + fragment + "': " + message);
        }
    }
}
