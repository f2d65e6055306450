package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tournament's analyses against the Axelrod-Python library's own expectations for the same tournament:
 * {@code axelrod/tests/unit/test_resultset.py}, {@code TestResultSet.setUpClass}: Alternator, Tit For Tat and Defector
 * on Axelrod's payoffs, 5 turns, 3 repetitions, self-interactions excluded (its result file has none). Every pair is
 * deterministic, so the exact expectations are the library's counts; its eigen ratings come from the same power
 * iteration ({@link dev.opshape.shaping.statistics.PowerIteration}) and agree to rounding. And
 * {@code axelrod/tests/integration/test_sample_tournaments.py} (10 turns, one repetition).
 */
class AxelrodResultSetTest {

    private static final double EXACT = 1e-12;

    private static TournamentResult play(String roster, int turns, int repetitions) {
        return Tournament.run(new TournamentConfig(Entrant.parseRoster(roster, AgentDefaults.standard()),
                IteratedGame.finite(BuiltInGames.AXELROD_PD, 1.0, turns), 0, repetitions, 1, Optimizer.Kind.SGD,
                1.0, TournamentConfig.DEFAULT_INIT, 1));
    }

    @Test
    void theResultSetOfAlternatorTitForTatAndDefector() {
        TournamentResult result = play("alternator,tit-for-tat,defector", 5, 3);
        TournamentAnalysis a = result.analysis();
        double[][] scores = {{15, 15, 15}, {17, 17, 17}, {26, 26, 26}};
        int[][] wins = {{0, 0, 0}, {0, 0, 0}, {2, 2, 2}};
        double[] normalised = {3.0 / 2, (13.0 / 5 + 4.0 / 5) / 2, (17.0 / 5 + 9.0 / 5) / 2};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(scores[i], a.scores()[i], EXACT, "scores " + i);
            assertArrayEquals(wins[i], a.wins()[i], "wins " + i);
            for (int r = 0; r < 3; r++) {
                assertEquals(normalised[i], a.normalisedScores()[i][r], EXACT, "normalised score " + i);
            }
        }
        List<Standing> axelrod = result.standings(new Ranking(RankBy.MEDIAN, false));
        assertEquals(List.of("defector", "tit-for-tat", "alternator"), axelrod.stream().map(Standing::name).toList());
        assertEquals(6, axelrod.get(0).matchWins());
        assertEquals(0.0, axelrod.get(0).payoff().sd(), 0.0);

        double[][] diffs = {{0, 0, -3}, {0, 0, -1}, {3, 1, 0}};
        double[][] cooperation = {{0, 0.6, 0.6}, {0.6, 0, 0.2}, {0, 0, 0}};
        int[][] goodPartner = {{0, 3, 3}, {3, 0, 3}, {0, 0, 0}};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(diffs[i], a.scoreDifference()[i], EXACT, "score differences " + i);
            assertArrayEquals(goodPartner[i], a.goodPartner()[i], "good partner " + i);
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    assertEquals(cooperation[i][j], a.cooperation()[i][j], EXACT, "cooperation " + i + ", " + j);
                }
            }
        }
        // expected_normalised_state_distribution, own action first: CC, CD, DC, DD.
        assertEquals(List.of("CC", "CD", "DC", "DD"), a.stateLabels());
        assertArrayEquals(new double[] {0.2, 0.4, 0.4, 0}, a.stateDistribution()[0][1], EXACT);
        assertArrayEquals(new double[] {0, 0.6, 0, 0.4}, a.stateDistribution()[0][2], EXACT);
        assertArrayEquals(new double[] {0, 0.2, 0, 0.8}, a.stateDistribution()[1][2], EXACT);
        assertArrayEquals(new double[] {0, 0, 0.6, 0.4}, a.stateDistribution()[2][0], EXACT);
        assertArrayEquals(new double[] {0, 0, 0.2, 0.8}, a.stateDistribution()[2][1], EXACT);

        assertArrayEquals(new double[] {18.0 / 30, 12.0 / 30, 0}, a.cooperatingRating(), EXACT);
        assertArrayEquals(new double[] {1, 1, 0}, a.goodPartnerRating(), EXACT);
        assertArrayEquals(new double[] {0.5547001962252291, 0.8320502943378436, 0.0}, a.eigenjesus(false), EXACT);
        assertArrayEquals(new double[] {-0.4578520302117101, 0.7311328098872432, 0.5057828909101213},
                a.eigenmoses(false), EXACT);
    }

    @Test
    void theSampleTournamentsScores() {
        TournamentAnalysis a = play("cooperator,tit-for-tat,grim,defector", 10, 1).analysis();
        assertArrayEquals(new double[] {60}, a.scores()[0], EXACT);
        assertArrayEquals(new double[] {69}, a.scores()[1], EXACT);
        assertArrayEquals(new double[] {69}, a.scores()[2], EXACT);
        assertArrayEquals(new double[] {78}, a.scores()[3], EXACT);
        a = play("cooperator,tit-for-tat,defector", 10, 1).analysis();
        assertArrayEquals(new double[] {30, 39, 64}, new double[] {a.scores()[0][0], a.scores()[1][0],
            a.scores()[2][0]}, EXACT);
    }

    /**
     * Joss, Burn Both Ends and Naive Prober are one strategy ([1, 0.9, 0, 0.9, 0]): against each other they tie, so
     * none wins a match from the others whatever seat rounding favours, and they share a rank order by name.
     */
    @Test
    void identicalStrategiesTieWhateverTheRounding() {
        TournamentResult result = play("naive-prober,tft,joss,alld,burn-both-ends", 200, 2);
        List<Standing> ranked = result.standings(new Ranking(RankBy.MEDIAN, false));
        List<String> names = ranked.stream().map(Standing::name).toList();
        int first = names.indexOf("burn-both-ends");
        assertEquals(List.of("burn-both-ends", "joss", "naive-prober"), names.subList(first, first + 3));
        int wins = ranked.get(first).matchWins();
        assertEquals(wins, ranked.get(first + 1).matchWins());
        assertEquals(wins, ranked.get(first + 2).matchWins());
        assertEquals(ranked.get(first).payoff().mean(), ranked.get(first + 2).payoff().mean(), 1e-12);
    }

    @Test
    void medianAndSelfPlayChangeTheRankingAsDefined() {
        // With self-play, TFT's match against itself (3 per move) lifts it above the defector (1 per move alone).
        TournamentResult result = play("alternator,tit-for-tat,defector", 5, 3);
        assertEquals("tit-for-tat", result.standings().get(0).name());
        assertEquals("defector", result.standings(new Ranking(RankBy.MEAN, false)).get(0).name());
        Standing tft = result.standings().get(0);
        assertEquals((13.0 / 5 + 3 + 4.0 / 5) / 3, tft.payoff().mean(), EXACT);
        assertEquals(tft.payoff().mean(), tft.median(), EXACT);
    }
}
