package dev.opshape.games.strategy;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory-one strategies under their Axelrod-Python names, against the four-vectors (P(C) after CC, CD, DC, DD,
 * own move first) that the library's own tests assert, on its default game (R 3, S 0, T 5, P 1): the
 * {@code test_four_vector} cases of {@code axelrod/tests/strategies/test_memoryone.py} (GTFT, Firm But Fair,
 * Stochastic Cooperator, Stochastic WSLS, Soft Joss), {@code test_axelrod_first.py} (First by Joss) and
 * {@code test_zero_determinant.py} (every ZD strategy), and for the deterministic ones the four-vector written in
 * the strategy's classifier comment (Tit For Tat (1, 0, 1, 0), Bully (0, 1, 0, 1), ...), with each first move from
 * the strategy's definition.
 */
class AxelrodFourVectorsTest {

    private static final MatrixGame PD = BuiltInGames.AXELROD_PD;
    private static final double TOLERANCE = 1e-15;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name (an Axelrod alias)  | start | CC       | CD     | DC      | DD
        "first-by-joss             | 1     | 0.9      | 0      | 0.9     | 0",
        "gtft                      | 1     | 1        | 1/3    | 1       | 1/3",
        "firmbutfair               | 1     | 1        | 0      | 1       | 2/3",
        "stochastic-cooperator     | 1     | 0.935    | 0.229  | 0.266   | 0.42",
        "stochastic-wsls           | 1     | 0.95     | 0.05   | 0.05    | 0.95",
        "soft-joss                 | 1     | 1        | 0.1    | 1       | 0.1",
        "zd-extortion              | 1     | 0.64     | 0.18   | 0.28    | 0",
        "zd-extort-2               | 1     | 8/9      | 0.5    | 1/3     | 0",
        "zd-extort-2-v2            | 1     | 7/8      | 7/16   | 3/8     | 0",
        "zd-extort3                | 1     | 11/13    | 1/2    | 7/26    | 0",
        "zd-extort-4               | 1     | 11/17    | 0      | 8/17    | 0",
        "zd-gen-2                  | 1     | 1        | 9/16   | 1/2     | 1/8",
        "zd-gtft-2                 | 1     | 1        | 1/8    | 1       | 1/4",
        "zd-mischief               | 1     | 0.8      | 0.6    | 0.1     | 0",
        "zd-set-2                  | 1     | 3/4      | 1/4    | 1/2     | 1/4",
        "tit-for-tat               | 1     | 1        | 0      | 1       | 0",
        "suspicious-tit-for-tat    | 0     | 1        | 0      | 1       | 0",
        "anti-tit-for-tat          | 1     | 0        | 1      | 0       | 1",
        "bully                     | 0     | 0        | 1      | 0       | 1",
        "win-stay-lose-shift       | 1     | 1        | 0      | 0       | 1",
        "win-shift-lose-stay       | 0     | 0        | 1      | 1       | 0",
        "alternator                | 1     | 0        | 0      | 1       | 1",
        "cooperator                | 1     | 1        | 1      | 1       | 1",
        "defector                  | 0     | 0        | 0      | 0       | 0",
        "allcoralld                | 0.6   | 1        | 1      | 0       | 0",
        "first-by-grofman          | 1     | 1        | 2/7    | 2/7     | 1",
        "burn-both-ends            | 1     | 0.9      | 0      | 0.9     | 0",
        "naive-prober              | 1     | 0.9      | 0      | 0.9     | 0",
        "desperate                 | 0.5   | 0        | 0      | 0       | 1",
        "hopeless                  | 0.5   | 0        | 1      | 1       | 1",
        "willing                   | 0.5   | 1        | 1      | 1       | 0",
        "negation                  | 0.5   | 0        | 1      | 0       | 1"})
    void matchesAxelrodsFourVector(String name, String start, String cc, String cd, String dc, String dd) {
        Memory1Strategy s = FixedStrategies.create(name, PD, 0);
        String[] expected = {start, cc, cd, dc, dd};
        for (int state = 0; state < 5; state++) {
            assertEquals(fraction(expected[state]), s.probability(state, 0), TOLERANCE, name + " state " + state);
        }
    }

    @Test
    void keysChangeTheFourVector() {
        Memory1Strategy joss = FixedStrategies.create("joss", Map.of("p", "0.8"), PD, 0);
        assertEquals(0.8, joss.probability(1, 0), 0.0);
        Memory1Strategy reactive = FixedStrategies.create("reactive", Map.of("p", "1", "q", "0.25"), PD, 1);
        assertEquals(0.25, reactive.probability(2, 0), 0.0);
        assertEquals(0.25, reactive.probability(4, 0), 0.0);
        Memory1Strategy lr = FixedStrategies.create("lr", Map.of("phi", "0.25", "s", "0.5", "l", "R"), PD, 0);
        Memory1Strategy gtft2 = FixedStrategies.create("zd-gtft-2", PD, 0);
        for (int state = 0; state < 5; state++) {
            assertEquals(gtft2.probability(state, 0), lr.probability(state, 0), 0.0);
        }
        Memory1Strategy coin = FixedStrategies.create("random", Map.of("p", "0.3"), PD, 0);
        assertEquals(0.3, coin.probability(3, 0), 0.0);
    }

    @Test
    void infeasibleParametersAndGamesAreRefusedWithTheirValues() {
        // ZD-Extortion's l = 1 is P of Axelrod's game; on the LOLA payoffs (P = -2) it gives probabilities above 1.
        InvalidModelException lola = assertThrows(InvalidModelException.class,
                () -> FixedStrategies.create("zd-extortion", BuiltInGames.IPD, 0));
        assertTrue(lola.getMessage().contains("strategy 'zd-extortion': phi = 0.2, s = 0.1, l = 1.0 give the "
                + "four-vector") && lola.getMessage().contains("must be in [0, 1]"), lola.getMessage());
        InvalidModelException rps = assertThrows(InvalidModelException.class,
                () -> FixedStrategies.create("stft", BuiltInGames.RPS, 0));
        assertTrue(rps.getMessage().contains("needs a symmetric 2x2 game"), rps.getMessage());
        assertThrows(RuntimeException.class, () -> FixedStrategies.create("reactive", Map.of("p", "1"), PD, 0));
        assertThrows(RuntimeException.class, () -> FixedStrategies.create("lr", Map.of("l", "Q"), PD, 0));
    }

    private static double fraction(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? Double.parseDouble(text)
                : Double.parseDouble(text.substring(0, slash)) / Double.parseDouble(text.substring(slash + 1));
    }
}
