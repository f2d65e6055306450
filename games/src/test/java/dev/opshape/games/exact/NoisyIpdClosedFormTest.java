package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Exact values of IPD strategy pairs under trembling-hand noise epsilon, against closed forms derived by hand.
 *
 * <p>The IPD reward (R = -1, S = -3, T = 0, P = -2) is linear in the two executed actions: agent 1 receives
 * -2 + 2 [a2 = C] - [a1 = C] (check: CC -1, CD -3, DC 0, DD -2), and agent 2 symmetrically. So
 * E[r_{1,t}] = -2 + 2 m2_t - m1_t with m_i,t the probability that agent i's executed move t is C, whatever the
 * correlation of the two moves, and only the marginals are needed:
 * <ul>
 *   <li>ALLD: m_t = epsilon at every move (intends D, trembles to C).</li>
 *   <li>TFT: m_0 = 1 - epsilon (intends C); m_{t+1} = epsilon + (1 - 2 epsilon) m'_t with m' the opponent's
 *       marginal, since TFT intends to copy the opponent's executed move and then trembles.</li>
 *   <li>TFT vs TFT: m_t = 1/2 + k^(t+1)/2 for both, k = 1 - 2 epsilon, so
 *       V = sum_{t &lt; T} gamma^t (m_t - 2) = -1.5 m(T) + (k/2) (1 - (gamma k)^T) / (1 - gamma k), with
 *       m(T) = sum_{t &lt; T} gamma^t. The long-run average is -1.5, the mean payoff of uniformly random play: the
 *       noisy TFT pair's chain (swap the moves, flip each with probability epsilon) is doubly stochastic, so its
 *       stationary distribution is uniform.</li>
 * </ul>
 * The executed outcome of ALLD vs ALLD is i.i.d. with P(CC, CD, DC, DD) = (e^2, e(1-e), (1-e)e, (1-e)^2), which the
 * discounted occupancy must equal exactly. Tolerance 1e-12 relative, as in {@link IpdStrategyPairValuesTest}.
 */
class NoisyIpdClosedFormTest {

    static final double TOLERANCE = 1e-12;

    static Stream<Named<IteratedGame>> games() {
        Stream.Builder<Named<IteratedGame>> games = Stream.builder();
        for (double noise : new double[] {0.01, 0.1, 0.25, 0.49}) {
            for (double gamma : new double[] {0.0, 0.5, 0.96, 0.99}) {
                for (int horizon : new int[] {IteratedGame.INFINITE, 1, 2, 150}) {
                    IteratedGame g = new IteratedGame(BuiltInGames.IPD, gamma, horizon, noise);
                    games.add(Named.of("noise=" + noise + " gamma=" + gamma + " T="
                            + (horizon == 0 ? "inf" : horizon), g));
                }
            }
        }
        return games.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void alwaysDefectAgainstItself(IteratedGame game) {
        double e = game.noise();
        double perMove = e * e * -1 + e * (1 - e) * -3 + (1 - e) * e * 0 + (1 - e) * (1 - e) * -2;
        ExactEvaluator exact = evaluate(game, "alld", "alld");
        Agreement.assertScalar("V1", perMove * game.discountMass(), exact.value(0), TOLERANCE);
        Agreement.assertScalar("V2", perMove * game.discountMass(), exact.value(1), TOLERANCE);
        Agreement.assertScalar("average reward", perMove, exact.averageReward(0), TOLERANCE);
        double[] occupancy = new double[4];
        exact.jointActionOccupancy(occupancy);
        Agreement.assertVector("occupancy", new double[] {e * e, e * (1 - e), (1 - e) * e, (1 - e) * (1 - e)},
                occupancy, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void titForTatAgainstItself(IteratedGame game) {
        double k = 1 - 2 * game.noise();
        double gk = game.gamma() * k;
        double tail = game.isFinite() ? Math.pow(gk, game.horizon()) : 0.0;
        double expected = -1.5 * game.discountMass() + 0.5 * k * (1 - tail) / (1 - gk);
        ExactEvaluator exact = evaluate(game, "tft", "tft");
        Agreement.assertScalar("V1", expected, exact.value(0), TOLERANCE);
        Agreement.assertScalar("V2", expected, exact.value(1), TOLERANCE);
    }

    /** TFT (opens C, then copies) against ALLD (m = epsilon), in both seats, from the marginals move by move. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void titForTatAgainstAlwaysDefect(IteratedGame game) {
        double e = game.noise();
        int moves = game.isFinite() ? game.horizon() : 20_000;
        double vTft = 0;
        double vAlld = 0;
        double weight = 1;
        for (int t = 0; t < moves && weight > 0; t++) {
            double mTft = t == 0 ? 1 - e : e + (1 - 2 * e) * e;
            double mAlld = e;
            vTft += weight * (-2 + 2 * mAlld - mTft);
            vAlld += weight * (-2 + 2 * mTft - mAlld);
            weight *= game.gamma();
        }
        ExactEvaluator tftFirst = evaluate(game, "tft", "alld");
        Agreement.assertScalar("V(TFT) in seat 1", vTft, tftFirst.value(0), TOLERANCE);
        Agreement.assertScalar("V(ALLD) in seat 2", vAlld, tftFirst.value(1), TOLERANCE);
        ExactEvaluator tftSecond = evaluate(game, "alld", "tft");
        Agreement.assertScalar("V(ALLD) in seat 1", vAlld, tftSecond.value(0), TOLERANCE);
        Agreement.assertScalar("V(TFT) in seat 2", vTft, tftSecond.value(1), TOLERANCE);
    }

    /**
     * Near gamma = 1 the noisy TFT pair plays uniformly at random on average: average reward -1.5 and every outcome
     * 1/4, up to the transient (1 - gamma) k / (2 (1 - gamma k)) &lt; 3e-6 here.
     */
    @Test
    void noisyTitForTatPairMixesToUniformPlay() {
        IteratedGame game = IteratedGame.infinite(BuiltInGames.IPD, 0.999999).withNoise(0.1);
        ExactEvaluator exact = evaluate(game, "tft", "tft");
        Agreement.assertScalar("average reward", -1.5, exact.averageReward(0), 5e-6);
        double[] occupancy = new double[4];
        exact.jointActionOccupancy(occupancy);
        Agreement.assertVectorAbsolute("occupancy", new double[] {0.25, 0.25, 0.25, 0.25}, occupancy, 5e-6);
    }

    private static ExactEvaluator evaluate(IteratedGame game, String strategy1, String strategy2) {
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(FixedStrategies.create(strategy1, game.game(), 0).logits(game.game(), 0),
                FixedStrategies.create(strategy2, game.game(), 1).logits(game.game(), 1));
        return exact;
    }
}
