package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Exact values of pairs of deterministic IPD strategies against closed forms derived by hand from the sequence of
 * outcomes they produce, for both agents, several discounts and infinite and finite horizons. Every asymmetric pair
 * is played in both seats: agent 2 sees the previous outcome with its own action first, so a state mapping error
 * shows up as a wrong sequence when a reactive strategy sits in seat 2.
 *
 * <p>IPD payoffs (LOLA paper): R = -1 (CC), S = -3 (C against D), T = 0 (D against C), P = -2 (DD). With
 * m(T) = sum_{t &lt; T} gamma^t = (1 - gamma^T)/(1 - gamma) (1/(1 - gamma) for an infinite horizon):
 * <ul>
 *   <li>ALLD vs ALLD: DD at every move, V1 = V2 = P m(T) = -2 (1 - gamma^T)/(1 - gamma).</li>
 *   <li>ALLC vs ALLC and TFT vs TFT: CC at every move (TFT opens with C and copies C), V = R m(T) = -m(T).</li>
 *   <li>TFT vs ALLD: move 0 is CD (TFT opens C, ALLD defects); TFT then copies D, so every later move is DD:
 *       V_TFT = S + gamma P m(T-1) = -3 - 2 gamma m(T-1), V_ALLD = T + gamma P m(T-1) = -2 gamma m(T-1)
 *       (for T = 1 only move 0 counts: -3 and 0).</li>
 *   <li>WSLS vs ALLC: WSLS opens C, meets C (a win, CC) and stays with C: CC at every move, V = -m(T) for both.</li>
 *   <li>WSLS vs ALLD: move 0 is CD for WSLS (a loss: it shifts to D), move 1 DD (a loss, P &lt; R: it shifts back to
 *       C), so the outcomes alternate CD, DD, CD, ... with period 2: V_WSLS = S E + P O, V_ALLD = T E + P O with
 *       E = sum over even t &lt; T of gamma^t = (1 - gamma^(2 ceil(T/2)))/(1 - gamma^2) and
 *       O = sum over odd t &lt; T of gamma^t = gamma (1 - gamma^(2 floor(T/2)))/(1 - gamma^2) (T = infinity:
 *       1/(1 - gamma^2) and gamma/(1 - gamma^2)).</li>
 *   <li>ALLC vs ALLD: CD at every move, V_ALLC = S m(T) = -3 m(T), V_ALLD = T m(T) = 0.</li>
 * </ul>
 * Tolerance 1e-12 relative ({@link Agreement}): with deterministic policies the transition matrix holds only 0 and 1,
 * so both sides are a handful of roundings of quantities of size m(T) (LU of a 4 x 4 matrix with condition number
 * at most 199, or at most 150 recursion steps): a few hundred units of 1.1e-16 at most.
 */
class IpdStrategyPairValuesTest {

    static final double TOLERANCE = 1e-12;
    private static final MatrixGame IPD = BuiltInGames.IPD;
    private static final double R = -1;
    private static final double S = -3;
    private static final double T = 0;
    private static final double P = -2;

    static Stream<Named<IteratedGame>> games() {
        Stream.Builder<Named<IteratedGame>> games = Stream.builder();
        for (double gamma : new double[] {0.0, 0.5, 0.9, 0.96, 0.99}) {
            for (int horizon : new int[] {IteratedGame.INFINITE, 1, 2, 3, 150}) {
                games.add(named(new IteratedGame(IPD, gamma, horizon)));
            }
        }
        return games.build();
    }

    /** A game labelled by its discount and horizon, for parameterised test names. */
    static Named<IteratedGame> named(IteratedGame game) {
        return Named.of(game.game().name() + " gamma=" + game.gamma() + " T="
                + (game.isFinite() ? Integer.toString(game.horizon()) : "inf"), game);
    }

    /** m(T) = sum_{t &lt; T} gamma^t, written in closed form. */
    static double mass(double gamma, int horizon) {
        return horizon == IteratedGame.INFINITE ? 1 / (1 - gamma) : (1 - Math.pow(gamma, horizon)) / (1 - gamma);
    }

    private static double[] values(IteratedGame game, String strategy1, String strategy2) {
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(FixedStrategies.create(strategy1, IPD, 0).logits(IPD, 0),
                FixedStrategies.create(strategy2, IPD, 1).logits(IPD, 1));
        return new double[] {exact.value(0), exact.value(1)};
    }

    private static void assertValues(IteratedGame game, String s1, String s2, double v1, double v2) {
        double[] actual = values(game, s1, s2);
        String pair = s1 + " vs " + s2 + " (" + named(game).getName() + ")";
        Agreement.assertScalar("V1 of " + pair, v1, actual[0], TOLERANCE);
        Agreement.assertScalar("V2 of " + pair, v2, actual[1], TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void mutualDefectionEarnsPunishmentEveryMove(IteratedGame game) {
        double expected = -2 * mass(game.gamma(), game.horizon());
        assertValues(game, "alld", "alld", expected, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void mutualCooperationAndTitForTatPairsEarnRewardEveryMove(IteratedGame game) {
        double expected = R * mass(game.gamma(), game.horizon());
        assertValues(game, "allc", "allc", expected, expected);
        assertValues(game, "tft", "tft", expected, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void titForTatIsExploitedOnceByAlwaysDefect(IteratedGame game) {
        double later = game.isFinite() && game.horizon() == 1 ? 0.0
                : game.gamma() * P * mass(game.gamma(), game.isFinite() ? game.horizon() - 1 : IteratedGame.INFINITE);
        assertValues(game, "tft", "alld", S + later, T + later);
        assertValues(game, "alld", "tft", T + later, S + later);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void winStayLoseShiftKeepsCooperatingWithAlwaysCooperate(IteratedGame game) {
        double expected = R * mass(game.gamma(), game.horizon());
        assertValues(game, "wsls", "allc", expected, expected);
        assertValues(game, "allc", "wsls", expected, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void winStayLoseShiftAlternatesAgainstAlwaysDefect(IteratedGame game) {
        double g = game.gamma();
        double even;
        double odd;
        if (game.isFinite()) {
            int h = game.horizon();
            even = (1 - Math.pow(g, 2 * ((h + 1) / 2))) / (1 - g * g);
            odd = g * (1 - Math.pow(g, 2 * (h / 2))) / (1 - g * g);
        } else {
            even = 1 / (1 - g * g);
            odd = g / (1 - g * g);
        }
        assertValues(game, "wsls", "alld", S * even + P * odd, T * even + P * odd);
        assertValues(game, "alld", "wsls", T * even + P * odd, S * even + P * odd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void alwaysCooperateIsExploitedEveryMoveByAlwaysDefect(IteratedGame game) {
        double m = mass(game.gamma(), game.horizon());
        assertValues(game, "allc", "alld", S * m, T * m);
        assertValues(game, "alld", "allc", T * m, S * m);
    }
}
