package dev.opshape.games.strategy;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The named fixed strategies have the cooperation tables of their definitions (own-view states
 * [start, CC, CD, DC, DD], docs/conventions.md#states), the same table in either seat, and the logits the exact
 * machinery
 * expects (probabilities 0 and 1 as -infinity and +infinity).
 */
class FixedStrategyTablesTest {

    private static final MatrixGame IPD = BuiltInGames.IPD;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] cooperation(Memory1Strategy s) {
        double[] pc = new double[s.numStates()];
        for (int state = 0; state < pc.length; state++) {
            pc[state] = s.probability(state, 0);
            assertEquals(1.0, s.probability(state, 0) + s.probability(state, 1), 1e-15);
        }
        return pc;
    }

    @Test
    void deterministicTables() {
        Map<String, double[]> expected = Map.of(
                "allc", new double[] {1, 1, 1, 1, 1},
                "alld", new double[] {0, 0, 0, 0, 0},
                "tft", new double[] {1, 1, 0, 1, 0},
                "wsls", new double[] {1, 1, 0, 0, 1},
                "grim", new double[] {1, 1, 0, 0, 0});
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            for (int agent = 0; agent < 2; agent++) {
                assertArrayEquals(e.getValue(), cooperation(FixedStrategies.create(e.getKey(), IPD, agent)), 0.0,
                        e.getKey() + " for agent " + (agent + 1));
            }
        }
    }

    @Test
    void titForTatLogitsAreInfinite() {
        double[] expected = {INF, INF, -INF, INF, -INF};
        assertArrayEquals(expected, FixedStrategies.create("tft", IPD, 0).logits(IPD, 0), 0.0);
        assertArrayEquals(expected, FixedStrategies.create("tft", IPD, 1).logits(IPD, 1), 0.0,
                "tit-for-tat is the same vector for agent 2 (own-view states)");
    }

    /**
     * Nowak and Sigmund (1992): g = min(1 - (T - R)/(R - S), (R - P)/(T - P)). IPD (R, S, T, P) = (-1, -3, 0, -2):
     * min(1 - 1/2, 1/2) = 1/2. Axelrod's (3, 0, 5, 1): min(1 - 2/3, 2/4) = 1/3, the textbook value.
     */
    @Test
    void generousTitForTatDefaultForgiveness() {
        assertArrayEquals(new double[] {1, 1, 0.5, 1, 0.5}, cooperation(FixedStrategies.create("gtft", IPD, 0)),
                1e-15);
        double[] axelrod = cooperation(FixedStrategies.create("gtft", BuiltInGames.AXELROD_PD, 0));
        assertArrayEquals(new double[] {1, 1, 1.0 / 3, 1, 1.0 / 3}, axelrod, 1e-15);
    }

    @Test
    void generousTitForTatTakesAnExplicitForgiveness() {
        assertArrayEquals(new double[] {1, 1, 0.2, 1, 0.2},
                cooperation(FixedStrategies.create("gtft", Map.of("g", "0.2"), IPD, 0)), 0.0);
    }

    @Test
    void randomIsUniformInAnyGame() {
        for (MatrixGame game : List.of(IPD, BuiltInGames.RPS, BuiltInGames.BOS)) {
            for (int agent = 0; agent < 2; agent++) {
                Memory1Strategy s = FixedStrategies.create("random", game, agent);
                int k = game.numActions(agent);
                assertEquals(1 + game.numOutcomes(), s.numStates());
                for (int state = 0; state < s.numStates(); state++) {
                    for (int a = 0; a < k; a++) {
                        assertEquals(1.0 / k, s.probability(state, a), 0.0);
                    }
                }
                double[] logits = s.logits(game, agent);
                for (double x : logits) {
                    assertEquals(k == 2 ? 0.0 : Math.log(1.0 / k), x, 1e-15);
                }
            }
        }
    }

    @Test
    void probabilityTableIsReadInStateOrder() {
        Memory1Strategy s = FixedStrategies.create("probs", Map.of("p", "1/0.75/0/0.25/0.5"), IPD, 1);
        assertArrayEquals(new double[] {1, 0.75, 0, 0.25, 0.5}, cooperation(s), 0.0);
        double[] logits = s.logits(IPD, 1);
        assertEquals(INF, logits[0], 0.0);
        assertEquals(Math.log(3), logits[1], 1e-15);
        assertEquals(-INF, logits[2], 0.0);
        assertEquals(-Math.log(3), logits[3], 1e-15);
        assertEquals(0.0, logits[4], 0.0);
    }

    @Test
    void namesAreCaseInsensitiveAndListedWithDescriptions() {
        assertArrayEquals(cooperation(FixedStrategies.create("tft", IPD, 0)),
                cooperation(FixedStrategies.create("TfT", IPD, 0)), 0.0);
        assertEquals(List.of("allc", "alld", "tft", "wsls", "gtft", "grim", "random"),
                FixedStrategies.names().subList(0, 7));
        assertEquals("probs", FixedStrategies.names().get(FixedStrategies.names().size() - 1));
        assertEquals(FixedStrategies.names(), List.copyOf(FixedStrategies.descriptions().keySet()));
        assertTrue(FixedStrategies.isStrategy("WSLS"));
        assertTrue(!FixedStrategies.isStrategy("lola") && !FixedStrategies.isStrategy(null));
    }
}
