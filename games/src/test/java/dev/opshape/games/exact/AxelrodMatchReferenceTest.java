package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undiscounted matches of fixed length (gamma = 1, T turns) on Axelrod's payoffs (R 3, S 0, T 5, P 1), evaluated
 * exactly, against the numbers the Axelrod-Python library's own tests assert for the same matches (Axelrod-Python,
 * {@code axelrod/tests/unit/test_match.py}, {@code axelrod/tests/unit/test_resultset.py} and
 * {@code axelrod/tests/integration/test_sample_tournaments.py}), and the per-move scores over 200 turns that an
 * Axelrod user expects. Every pair here is deterministic, so the exact value is the match's score and the exact
 * occupancy times T is its state count: they agree to rounding (1e-12).
 */
class AxelrodMatchReferenceTest {

    private static final MatrixGame PD = BuiltInGames.AXELROD_PD;
    private static final double EXACT = 1e-12;

    /** [score1, score2, cooperations1, cooperations2, CC, CD, DC, DD] of a match of T turns (counts, not rates). */
    private static double[] match(String player1, String player2, int turns) {
        IteratedGame game = IteratedGame.finite(PD, 1.0, turns);
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(FixedStrategies.create(player1, PD, 0).logits(PD, 0),
                FixedStrategies.create(player2, PD, 1).logits(PD, 1));
        double[] occupancy = new double[4];
        exact.jointActionOccupancy(occupancy);
        double[] out = new double[8];
        out[0] = exact.value(0);
        out[1] = exact.value(1);
        out[2] = turns * (occupancy[0] + occupancy[1]);
        out[3] = turns * (occupancy[0] + occupancy[2]);
        for (int j = 0; j < 4; j++) {
            out[4 + j] = turns * occupancy[j];
        }
        return out;
    }

    private static void assertScores(String p1, String p2, int turns, double s1, double s2) {
        double[] m = match(p1, p2, turns);
        assertEquals(s1, m[0], EXACT, p1 + " vs " + p2 + " score 1");
        assertEquals(s2, m[1], EXACT, p1 + " vs " + p2 + " score 2");
    }

    private static void assertStates(String p1, String p2, int turns, double... ccCdDcDd) {
        double[] m = match(p1, p2, turns);
        for (int j = 0; j < 4; j++) {
            assertEquals(ccCdDcDd[j], m[4 + j], EXACT, p1 + " vs " + p2 + " state " + j);
        }
    }

    /** test_match.py, TestMatch.test_final_score and test_final_score_per_turn: TFT vs Defector, 3 turns. */
    @Test
    void titForTatAgainstDefectorOverThreeTurns() {
        assertScores("tit-for-tat", "defector", 3, 2, 7);
        assertScores("defector", "tit-for-tat", 3, 7, 2);
        IteratedGame game = IteratedGame.finite(PD, 1.0, 3);
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(FixedStrategies.create("tft", PD, 0).logits(PD, 0),
                FixedStrategies.create("alld", PD, 1).logits(PD, 1));
        assertEquals(2.0 / 3, exact.averageReward(0), EXACT);
        assertEquals(7.0 / 3, exact.averageReward(1), EXACT);
    }

    /** test_match.py, TestMatch.test_scores: the per-turn scores [(0, 5), (1, 1), (1, 1)], as differences. */
    @Test
    void perTurnScoresOfTitForTatAgainstDefector() {
        double[][] expected = {{0, 5}, {1, 1}, {1, 1}};
        double[] previous = {0, 0};
        for (int t = 1; t <= 3; t++) {
            double[] m = match("tft", "alld", t);
            assertEquals(expected[t - 1][0], m[0] - previous[0], EXACT);
            assertEquals(expected[t - 1][1], m[1] - previous[1], EXACT);
            previous = new double[] {m[0], m[1]};
        }
    }

    /** test_match.py, TestMatch.test_cooperation and test_state_distribution (3 turns). */
    @Test
    void cooperationCountsAndStateDistributions() {
        double[] m = match("cooperator", "alternator", 3);
        assertEquals(3, m[2], EXACT);
        assertEquals(2, m[3], EXACT);
        assertStates("cooperator", "alternator", 3, 2, 1, 0, 0);
        m = match("alternator", "defector", 3);
        assertEquals(2, m[2], EXACT);
        assertEquals(0, m[3], EXACT);
        assertStates("alternator", "defector", 3, 0, 2, 0, 1);
    }

    /**
     * test_resultset.py, TestResultSet.setUpClass (Alternator, Tit For Tat, Defector; 5 turns): expected_payoffs
     * (13/5, 2/5, 4/5, 17/5, 9/5 per turn), expected_cooperation (per repetition 3, 3, 3, 1, 0) and
     * expected_state_distribution (per repetition).
     */
    @Test
    void theResultSetTestsMatches() {
        double[] altTft = match("alternator", "tit-for-tat", 5);
        double[] altDef = match("alternator", "defector", 5);
        double[] tftDef = match("tit-for-tat", "defector", 5);
        assertEquals(13, altTft[0], EXACT);
        assertEquals(13, altTft[1], EXACT);
        assertEquals(2, altDef[0], EXACT);
        assertEquals(17, altDef[1], EXACT);
        assertEquals(4, tftDef[0], EXACT);
        assertEquals(9, tftDef[1], EXACT);
        assertEquals(3, altTft[2], EXACT);
        assertEquals(3, altTft[3], EXACT);
        assertEquals(3, altDef[2], EXACT);
        assertEquals(1, tftDef[2], EXACT);
        assertEquals(0, tftDef[3], EXACT);
        // Counter({(D, C): 6, (C, D): 6, (C, C): 3}) over 3 repetitions; {(C, D): 9, (D, D): 6}; {(D, D): 12, (C, D): 3}.
        assertStates("alternator", "tit-for-tat", 5, 1, 2, 2, 0);
        assertStates("alternator", "defector", 5, 0, 3, 0, 2);
        assertStates("tit-for-tat", "defector", 5, 0, 1, 0, 4);
    }

    /**
     * test_sample_tournaments.py (10 turns, self-play excluded): Cooperator 0 and Defector 50; Tit For Tat 9 and
     * Defector 14; Cooperator and Tit For Tat 30 each; with Grudger, whose memory-one form ({@code grim}) plays the
     * same against these opponents: Cooperator 60, Tit For Tat 69, Grudger 69, Defector 78 as row sums.
     */
    @Test
    void theSampleTournamentsScores() {
        assertScores("cooperator", "defector", 10, 0, 50);
        assertScores("tit-for-tat", "defector", 10, 9, 14);
        assertScores("cooperator", "tit-for-tat", 10, 30, 30);
        String[] players = {"cooperator", "tit-for-tat", "grim", "defector"};
        double[] expected = {60, 69, 69, 78};
        for (int i = 0; i < players.length; i++) {
            double total = 0;
            for (int j = 0; j < players.length; j++) {
                if (i != j) {
                    total += match(players[i], players[j], 10)[0];
                }
            }
            assertEquals(expected[i], total, EXACT, players[i]);
        }
    }

    /** Over 200 turns: TFT vs ALLD 0.995 and 1.02 per move, WSLS vs ALLD 0.5 and 3.0 (the alternation CD, DD). */
    @Test
    void perMoveScoresOverTwoHundredTurns() {
        IteratedGame game = IteratedGame.finite(PD, 1.0, 200);
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(FixedStrategies.create("tft", PD, 0).logits(PD, 0),
                FixedStrategies.create("alld", PD, 1).logits(PD, 1));
        assertEquals(0.995, exact.averageReward(0), EXACT);
        assertEquals(1.02, exact.averageReward(1), EXACT);
        exact.setPoint(FixedStrategies.create("wsls", PD, 0).logits(PD, 0),
                FixedStrategies.create("alld", PD, 1).logits(PD, 1));
        assertEquals(0.5, exact.averageReward(0), EXACT);
        assertEquals(3.0, exact.averageReward(1), EXACT);
    }
}
