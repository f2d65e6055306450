package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.analysis.PolicyOutcome;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The standings arithmetic on hand-made runs. */
class TournamentTallyTest {

    /** Student t quantile t_{0.975, 2} (tables: 4.303). */
    private static final double T_975_2 = 4.302652729911275;

    private static TournamentConfig config(String roster, int repetitions) {
        return new TournamentConfig(Entrant.parseRoster(roster, AgentDefaults.standard()),
                IteratedGame.infinite(BuiltInGames.IPD, 0.96), 0, repetitions, 1, Optimizer.Kind.SGD, 1.0,
                TournamentConfig.DEFAULT_INIT, 1);
    }

    private static RunOutcome run(TournamentConfig config, int repetition, int pairing, double reward1,
                                  double reward2, OutcomeLabel label) {
        Pairing p = config.pairings().get(pairing);
        // Player 1 always cooperates, player 2 never: cooperation frequencies 1 and 0.
        PolicyOutcome outcome = new PolicyOutcome(reward1, reward2, reward1, reward2, 1.0, 0.0, new double[5],
                new double[5], label, new double[] {0, 1, 0, 0});
        return new RunOutcome(repetition * config.pairingCount() + pairing, p, repetition,
                config.runIndex(p, repetition), new double[5], new double[5], outcome);
    }

    /**
     * Agents A (allc) and B (alld); pairings (A,A), (A,B), (B,B); three repetitions with rewards (player 1, player
     * 2):
     * <pre>
     *        (A,A)   (A,B)   (B,B)  | P[A][A] P[A][B] P[B][A] P[B][B] | score A        score B
     *   r=0  (1,3)   (4,0)   (1,1)  |   2       4       0       1     | (2+4)/2 = 3    (0+1)/2 = 0.5
     *   r=1  (2,2)   (1,2)   (2,4)  |   2       1       2       3     | 1.5            2.5
     *   r=2  (0,2)   (4,1)   (2,2)  |   1       4       1       2     | 2.5            1.5
     * </pre>
     * A: mean 7/3, deviations (2/3, -5/6, 1/6), variance (4/9 + 25/36 + 1/36) / 2 = 7/12, half-width
     * t_{0.975,2} sqrt(7/12) / sqrt(3). B: mean 1.5, deviations (-1, 1, 0), sd 1, half-width t / sqrt(3).
     * Matrix: mean P[A][B] = 3 (sd sqrt(((1)^2 + (-2)^2 + 1^2) / 2) = sqrt(3)), P[B][A] = 1, P[A][A] = 5/3,
     * P[B][B] = 2. A beats B (3 &gt; 1): A has 1 win, B none. Cooperation: A is player 1 against B (1) and half of
     * itself (mean of 1 and 0): (0.5 + 1) / 2 = 0.75; B: (0 + 0.5) / 2 = 0.25.
     */
    @Test
    void confidenceIntervalsRanksWinsAndCooperationByHand() {
        TournamentConfig config = config("allc,alld", 3);
        TournamentTally tally = new TournamentTally(config);
        double[][][] rewards = {
                {{1, 3}, {4, 0}, {1, 1}},
                {{2, 2}, {1, 2}, {2, 4}},
                {{0, 2}, {4, 1}, {2, 2}}};
        OutcomeLabel[] labels = {OutcomeLabel.TFT_LIKE, OutcomeLabel.EXPLOITATION, OutcomeLabel.MUTUAL_DEFECTION};
        for (int r = 0; r < 3; r++) {
            for (int p = 0; p < 3; p++) {
                tally.add(run(config, r, p, rewards[r][p][0], rewards[r][p][1], labels[p]));
            }
        }
        TournamentResult result = tally.result();

        Standing a = result.standings().get(0);
        assertEquals("allc", a.name());
        assertEquals(1, a.rank());
        assertEquals(7.0 / 3, a.payoff().mean(), 1e-12);
        assertEquals(Math.sqrt(7.0 / 12), a.payoff().sd(), 1e-12);
        assertEquals(T_975_2 * Math.sqrt(7.0 / 12) / Math.sqrt(3), a.payoff().halfWidth(), 1e-9);
        assertEquals(7.0 / 3 - a.payoff().halfWidth(), a.payoff().lower(), 1e-12);
        assertEquals(1, a.wins());
        assertEquals(0.75, a.cooperation(), 1e-12);
        assertEquals(6, a.runs());
        assertEquals(3, a.count(OutcomeLabel.TFT_LIKE));
        assertEquals(3, a.count(OutcomeLabel.EXPLOITATION));
        assertEquals(0, a.count(OutcomeLabel.MUTUAL_DEFECTION));

        Standing b = result.standings().get(1);
        assertEquals("alld", b.name());
        assertEquals(2, b.rank());
        assertEquals(1.5, b.payoff().mean(), 1e-12);
        assertEquals(1.0, b.payoff().sd(), 1e-12);
        assertEquals(T_975_2 / Math.sqrt(3), b.payoff().halfWidth(), 1e-9);
        assertEquals(0, b.wins());
        assertEquals(0.25, b.cooperation(), 1e-12);

        PayoffMatrix m = result.payoffs();
        assertEquals(5.0 / 3, m.mean(0, 0), 1e-12);
        assertEquals(3.0, m.mean(0, 1), 1e-12);
        assertEquals(Math.sqrt(3), m.sd(0, 1), 1e-12);
        assertEquals(1.0, m.mean(1, 0), 1e-12);
        assertEquals(2.0, m.mean(1, 1), 1e-12);

        PairingOutcome ab = result.pairings().get(1);
        assertEquals(3.0, ab.reward1().mean(), 1e-12);
        assertEquals(1.0, ab.reward2().mean(), 1e-12);
        assertEquals(3, ab.labels().get(OutcomeLabel.EXPLOITATION));
    }

    @Test
    void equalMeansAreRankedByNameAndTiesAreNoWins() {
        TournamentConfig config = config("tft,allc", 2);
        TournamentTally tally = new TournamentTally(config);
        for (int r = 0; r < 2; r++) {
            for (int p = 0; p < 3; p++) {
                tally.add(run(config, r, p, -1, -1, OutcomeLabel.TFT_LIKE));
            }
        }
        List<Standing> standings = tally.result().standings();
        assertEquals(List.of("allc", "tft"), standings.stream().map(Standing::name).toList());
        assertEquals(List.of(1, 2), standings.stream().map(Standing::rank).toList());
        assertEquals(0, standings.get(0).wins());
        assertEquals(0.0, standings.get(0).payoff().halfWidth(), 0.0);
    }

    @Test
    void runsMustArriveInStreamingOrder() {
        TournamentConfig config = config("tft,allc", 1);
        TournamentTally tally = new TournamentTally(config);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tally.add(run(config, 0, 1, -1, -1, OutcomeLabel.OTHER)));
        assertEquals("run 1 arrived where run 0 was expected; runs must be added in streaming order",
                e.getMessage());
    }
}
