package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.training.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tournaments in the IPD with trembling-hand noise epsilon: fixed strategies against closed forms, learners in the
 * noisy game, sampled agents too.
 *
 * <p>Closed forms from the marginals: the IPD reward (R = -1, S = -3, T = 0, P = -2) is linear in the executed
 * actions, r_1 = -2 + 2 [a2 = C] - [a1 = C], so E[r_{1,t}] = -2 + 2 m2_t - m1_t with m_i,t the probability that
 * agent i's executed move t is C (the same for agent 2 with the roles swapped). With k = 1 - 2 epsilon:
 * <ul>
 *   <li>ALLD: m = epsilon; ALLC: m = 1 - epsilon; every strategy here opens with an intended C: m_0 = 1 - epsilon.
 *   </li>
 *   <li>TFT copies the opponent's executed move: m_{t+1} = epsilon + k m'_t.</li>
 *   <li>WSLS intends C when the two executed moves were equal; against ALLC (whose move is independent of
 *       everything) P(equal) = m_t (1 - epsilon) + (1 - m_t) epsilon, so m_{t+1} = epsilon + k P(equal).</li>
 * </ul>
 * The average reward per move is (1 - gamma) sum_t gamma^t E[r_t], summed here until gamma^t &lt; 1e-20. The
 * reported cooperation is the intended one: TFT against ALLD means C at move 0 and afterwards exactly when ALLD
 * trembled, so its frequency is (1 - gamma) + gamma epsilon.
 */
class TournamentNoiseTest {

    private static final double G = 0.96;
    private static final double E = 0.1;
    private static final double TOL = 1e-12;
    private static final IteratedGame NOISY = IteratedGame.infinite(BuiltInGames.IPD, G).withNoise(E);

    private static TournamentConfig config(IteratedGame game, String roster, int steps, int repetitions) {
        return new TournamentConfig(Entrant.parseRoster(roster, AgentDefaults.standard()), game, steps, repetitions,
                7, Optimizer.Kind.SGD, 1.0, TournamentConfig.DEFAULT_INIT, 1);
    }

    /** A marginal recursion: the next move's P(C) of agent 1 and of agent 2 from the current pair. */
    private interface Step {
        double[] next(double m1, double m2);
    }

    /** Average rewards per move of both agents, from the marginals (m1_0, m2_0) and the recursion. */
    private static double[] averageRewards(double m1, double m2, Step step) {
        double v1 = 0;
        double v2 = 0;
        for (double weight = 1; weight > 1e-20; weight *= G) {
            v1 += weight * (-2 + 2 * m2 - m1);
            v2 += weight * (-2 + 2 * m1 - m2);
            double[] next = step.next(m1, m2);
            m1 = next[0];
            m2 = next[1];
        }
        return new double[] {(1 - G) * v1, (1 - G) * v2};
    }

    @Test
    void fixedStrategiesScoreTheirNoisyClosedForms() {
        List<RunOutcome> runs = new ArrayList<>();
        TournamentResult result = Tournament.run(config(NOISY, "tft,alld,wsls,allc", 0, 1), runs::add,
                ProgressListener.NONE);
        double k = 1 - 2 * E;
        double[] tftAlld = averageRewards(1 - E, E, (m1, m2) -> new double[] {E + k * m2, E});
        double[] tftTft = averageRewards(1 - E, 1 - E, (m1, m2) -> new double[] {E + k * m2, E + k * m1});
        double[] wslsAllc = averageRewards(1 - E, 1 - E,
                (m1, m2) -> new double[] {E + k * (m1 * (1 - E) + (1 - m1) * E), 1 - E});
        double[] alldAlld = averageRewards(E, E, (m1, m2) -> new double[] {E, E});
        PayoffMatrix m = result.payoffs();
        // Roster order: tft 0, alld 1, wsls 2, allc 3.
        assertEquals(tftAlld[0], m.mean(0, 1), TOL, "tft vs alld");
        assertEquals(tftAlld[1], m.mean(1, 0), TOL, "alld vs tft");
        assertEquals(tftTft[0], m.mean(0, 0), TOL, "tft vs tft");
        assertEquals(wslsAllc[0], m.mean(2, 3), TOL, "wsls vs allc");
        assertEquals(wslsAllc[1], m.mean(3, 2), TOL, "allc vs wsls");
        assertEquals(alldAlld[0], m.mean(1, 1), TOL, "alld vs alld");
        // The trembles let WSLS exploit ALLC (without noise both get -1), and they break up TFT's cooperation.
        assertTrue(wslsAllc[0] > -1 && wslsAllc[1] < -1);
        assertTrue(tftTft[0] < -1.2);

        RunOutcome tftVsAlld = runs.stream().filter(r -> r.pairing().name1().equals("tft")
                && r.pairing().name2().equals("alld")).findFirst().orElseThrow();
        assertEquals((1 - G) + G * E, tftVsAlld.outcome().pCoop1(), TOL, "TFT's intended cooperation");
        assertEquals(0.0, tftVsAlld.outcome().pCoop2(), TOL, "ALLD never means to cooperate");
    }

    /** Exact learners learn in the noisy game: the runs finish, and the noise changes where they end. */
    @Test
    void exactLearnersPlayInTheNoisyGame() {
        String roster = "nl,lola,tft";
        TournamentResult noisy = Tournament.run(config(NOISY, roster, 20, 2));
        TournamentResult plain = Tournament.run(config(NOISY.withNoise(0.0), roster, 20, 2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertTrue(Double.isFinite(noisy.payoffs().mean(i, j)));
            }
        }
        assertNotEquals(plain.payoffs().mean(1, 0), noisy.payoffs().mean(1, 0), "lola vs nl");
        assertEquals(noisy.payoffs().mean(1, 0), Tournament.run(config(NOISY, roster, 20, 2)).payoffs().mean(1, 0),
                0.0, "reproducible");
    }

    /**
     * Sampled learners (DiCE and LVC) play the noisy game: their trajectories tremble, so the runs finish, are
     * reproducible bit for bit (also across thread counts), and end elsewhere than without noise.
     */
    @Test
    void sampledLearnersPlayInTheNoisyGame() {
        String roster = "nl:est=dice:batch=16:horizon=20,lola:est=lvc:batch=16:horizon=20,tft";
        TournamentResult noisy = Tournament.run(config(NOISY, roster, 10, 2));
        TournamentResult plain = Tournament.run(config(NOISY.withNoise(0.0), roster, 10, 2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertTrue(Double.isFinite(noisy.payoffs().mean(i, j)), i + " vs " + j);
            }
        }
        assertNotEquals(plain.payoffs().mean(0, 1), noisy.payoffs().mean(0, 1), "nl vs lola");
        TournamentResult twoThreads = Tournament.run(new TournamentConfig(Entrant.parseRoster(roster,
                AgentDefaults.standard()), NOISY, 10, 2, 7, Optimizer.Kind.SGD, 1.0, TournamentConfig.DEFAULT_INIT,
                2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(noisy.payoffs().mean(i, j), twoThreads.payoffs().mean(i, j), 0.0, "reproducible");
            }
        }
    }
}
