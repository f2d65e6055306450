package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.games.strategy.Memory1Strategy;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tournament of every parameter-free memory-one strategy of Axelrod's library (under opshape's names), 200 turns
 * on Axelrod's payoffs, ranked as Axelrod ranks (median of the normalised score, self-play excluded), against a
 * ranking derived independently here: each match's expected score is computed by pushing the distribution of the
 * joint move forward turn by turn (a 4-state chain written out in this test, not the library's evaluators), and
 * agents are ordered by their mean expected score per turn against the others (with nothing random between
 * repetitions the median is that mean). Ties (identical scores, such as TFT and Grim against this field) are broken
 * by name in both.
 */
class AxelrodMemoryOneTournamentTest {

    private static final List<String> ROSTER = List.of("allc", "alld", "tft", "wsls", "gtft", "grim", "random",
            "stft", "atft", "bully", "wshls", "stochastic-wsls", "joss", "soft-joss", "naive-prober",
            "burn-both-ends", "grofman", "firm-but-fair", "stochastic-cooperator", "alternator", "allc-or-alld",
            "desperate", "hopeless", "willing", "negation", "anonymous", "zd-extortion", "zd-extort-2",
            "zd-extort-2-v2", "zd-extort-3", "zd-extort-4", "zd-gen-2", "zd-gtft-2", "zd-mischief", "zd-set-2",
            "extort");
    private static final double[][] PAYOFF = {{3, 0}, {5, 1}};
    private static final int TURNS = 200;

    /** Expected total score of player 1 (the row) over {@link #TURNS} turns, by forward iteration. */
    private static double expectedScore(Memory1Strategy row, Memory1Strategy column) {
        // p[a1 * 2 + a2]: probability of the joint move; own-view state of the column player swaps the actions.
        double c1 = row.probability(0, 0);
        double c2 = column.probability(0, 0);
        double[] p = {c1 * c2, c1 * (1 - c2), (1 - c1) * c2, (1 - c1) * (1 - c2)};
        double score = 0;
        for (int t = 0; t < TURNS; t++) {
            double[] next = new double[4];
            for (int j = 0; j < 4; j++) {
                int a1 = j / 2;
                int a2 = j % 2;
                score += p[j] * PAYOFF[a1][a2];
                double q1 = row.probability(1 + a1 * 2 + a2, 0);
                double q2 = column.probability(1 + a2 * 2 + a1, 0);
                next[0] += p[j] * q1 * q2;
                next[1] += p[j] * q1 * (1 - q2);
                next[2] += p[j] * (1 - q1) * q2;
                next[3] += p[j] * (1 - q1) * (1 - q2);
            }
            p = next;
        }
        return score;
    }

    @Test
    void axelrodsRankingOfTheMemoryOneStrategiesIsTheExactExpectation() {
        List<Memory1Strategy> strategies = new ArrayList<>();
        for (String name : ROSTER) {
            strategies.add(FixedStrategies.create(name, BuiltInGames.AXELROD_PD, 0));
        }
        int n = ROSTER.size();
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    mean[i] += expectedScore(strategies.get(i), strategies.get(j)) / TURNS / (n - 1);
                }
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        // Scores equal to rounding tie; ties go by name, as the standings do.
        expected.sort(Comparator.comparingDouble((Integer i) -> -Math.round(mean[i] * 1e9) / 1e9)
                .thenComparing(ROSTER::get));

        TournamentResult result = Tournament.run(new TournamentConfig(
                Entrant.parseRoster(String.join(",", ROSTER), AgentDefaults.standard()),
                IteratedGame.finite(BuiltInGames.AXELROD_PD, 1.0, TURNS), 0, 3, 1, Optimizer.Kind.SGD, 1.0,
                TournamentConfig.DEFAULT_INIT, 2));
        List<Standing> ranked = result.standings(new Ranking(RankBy.MEDIAN, false));
        for (int k = 0; k < n; k++) {
            int i = expected.get(k);
            assertEquals(ROSTER.get(i), ranked.get(k).name(), "rank " + (k + 1));
            assertEquals(mean[i], ranked.get(k).median(), 1e-9, ROSTER.get(i));
        }
    }
}
