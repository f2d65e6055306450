package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tournaments of fixed strategies against closed forms. IPD payoffs (LOLA paper): R = -1 (CC), S = -3 (CD),
 * T = 0 (DC), P = -2 (DD). With continuation probability gamma, move t is played with probability gamma^t and the
 * average reward per move is (1 - gamma) sum_t gamma^t r_t.
 *
 * <ul>
 *   <li>TFT vs ALLD: CD, then TFT copies D: DD forever. TFT: (1 - g)(-3 + g (-2) / (1 - g)) = -3 (1 - g) - 2 g;
 *       ALLD: (1 - g)(0 + g (-2) / (1 - g)) = -2 g. TFT's cooperation frequency: (1 - g), the first move only.</li>
 *   <li>WSLS vs ALLC: WSLS opens with C and stays after CC (a win): CC forever, -1 each. (WSLS exploits ALLC only
 *       after an error, which needs trembling-hand noise.)</li>
 *   <li>WSLS vs ALLD: CD (WSLS lost: shift to D), DD (lost again, P &lt; R: shift to C), CD, DD, ... WSLS gets -3 at
 *       even moves and -2 at odd ones: V = (-3 - 2 g) / (1 - g^2), average (1 - g) V = (-3 - 2 g) / (1 + g); ALLD
 *       gets 0 then -2: average -2 g / (1 + g). WSLS cooperates at even moves: frequency 1 / (1 + g).</li>
 *   <li>ALLD vs ALLC: DC forever, 0 and -3. TFT, WSLS, ALLC among themselves: CC forever, -1. ALLD vs ALLD: -2.</li>
 * </ul>
 */
class TournamentFixedStrategiesTest {

    private static final double G = 0.96;
    private static final double TOL = 1e-12;

    private static TournamentConfig config(IteratedGame game, String roster, int repetitions) {
        return new TournamentConfig(Entrant.parseRoster(roster, AgentDefaults.standard()), game, 5, repetitions, 7,
                Optimizer.Kind.SGD, 1.0, TournamentConfig.DEFAULT_INIT, 1);
    }

    @Test
    void payoffMatrixStandingsAndLabelsMatchClosedForms() {
        TournamentConfig config = config(IteratedGame.infinite(BuiltInGames.IPD, G), "tft,alld,wsls,allc", 2);
        List<RunOutcome> streamed = new ArrayList<>();
        TournamentResult result = Tournament.run(config, streamed::add, ProgressListener.NONE);

        double tftVsAlld = -3 * (1 - G) - 2 * G;           // -2.04
        double alldVsTft = -2 * G;                          // -1.92
        double wslsVsAlld = (-3 - 2 * G) / (1 + G);         // -2.5102...
        double alldVsWsls = -2 * G / (1 + G);               // -0.9796...
        double[][] expected = {
                // tft, alld, wsls, allc (columns = opponents)
                {-1, tftVsAlld, -1, -1},
                {alldVsTft, -2, alldVsWsls, 0},
                {-1, wslsVsAlld, -1, -1},
                {-1, -3, -1, -1}};
        PayoffMatrix m = result.payoffs();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], m.mean(i, j), TOL, m.names().get(i) + " vs " + m.names().get(j));
                assertEquals(0.0, m.sd(i, j), TOL, "fixed strategies do not vary between repetitions");
            }
        }

        // Scores: row means, self-play included. alld -1.2249 > tft -1.26 > wsls -1.3776 > allc -1.5.
        assertEquals(List.of("alld", "tft", "wsls", "allc"),
                result.standings().stream().map(Standing::name).toList());
        Standing alld = result.standing("alld");
        assertEquals((alldVsTft - 2 + alldVsWsls + 0) / 4, alld.payoff().mean(), TOL);
        assertEquals(0.0, alld.payoff().halfWidth(), TOL);
        // ALLD out-scores each opponent head to head; TFT ties WSLS and ALLC (-1 each) and loses to ALLD.
        assertEquals(3, alld.wins());
        assertEquals(0, result.standing("tft").wins());
        assertEquals(0, result.standing("wsls").wins());
        assertEquals(0, result.standing("allc").wins());

        assertEquals((1 + (1 - G) + 1 + 1) / 4, result.standing("tft").cooperation(), TOL);
        assertEquals((1 + 1 / (1 + G) + 1 + 1) / 4, result.standing("wsls").cooperation(), TOL);
        assertEquals(0.0, alld.cooperation(), TOL);

        // ALLD's 4 pairings x 2 repetitions: vs TFT DD dominates (occupancy g = 0.96), self-play mutual defection,
        // vs WSLS DC and DD alternate (neither reaches 0.8): other; vs ALLC exploitation.
        assertEquals(8, alld.runs());
        assertEquals(4, alld.count(OutcomeLabel.MUTUAL_DEFECTION));
        assertEquals(2, alld.count(OutcomeLabel.OTHER));
        assertEquals(2, alld.count(OutcomeLabel.EXPLOITATION));
        // Both WSLS players defect after CD and DC and cooperate after DD: wsls-like; TFT retaliates: tft-like.
        assertEquals(2, result.standing("wsls").count(OutcomeLabel.WSLS_LIKE));
        assertEquals(4, result.standing("tft").count(OutcomeLabel.TFT_LIKE)); // vs itself and vs WSLS

        // The streamed run of TFT (player 1) vs ALLD (player 2).
        RunOutcome tftAlld = streamed.stream().filter(r -> r.pairing().name1().equals("tft")
                && r.pairing().name2().equals("alld")).findFirst().orElseThrow();
        assertEquals(tftVsAlld, tftAlld.avgReward(0), TOL);
        assertEquals(alldVsTft, tftAlld.avgReward(1), TOL);
        assertEquals(1 - G, tftAlld.outcome().pCoop1(), TOL);
    }

    /**
     * Finite horizon T = 10: the game also stops after 10 moves, and the average is V / sum_{t<10} g^t. TFT vs ALLD:
     * V = -3 - 2 (g + ... + g^9).
     */
    @Test
    void aFiniteHorizonAveragesOverTheMovesPlayed() {
        IteratedGame game = IteratedGame.finite(BuiltInGames.IPD, G, 10);
        TournamentResult result = Tournament.run(config(game, "tft,alld", 1));
        double mass = 0;
        double tail = 0;
        for (int t = 0; t < 10; t++) {
            mass += Math.pow(G, t);
            tail += t >= 1 ? Math.pow(G, t) : 0;
        }
        assertEquals((-3 - 2 * tail) / mass, result.payoffs().mean(0, 1), TOL);
        assertEquals(-2 * tail / mass, result.payoffs().mean(1, 0), TOL);
        // One repetition: no spread to estimate.
        assertEquals(Double.NaN, result.standing("tft").payoff().halfWidth());
        assertEquals(Double.NaN, result.payoffs().sd(0, 1));
    }
}
