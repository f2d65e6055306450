package dev.opshape.games.strategy;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Press and Dyson's extortionate zero-determinant strategy (PNAS 109(26), 2012, "Iterated Prisoner's Dilemma contains
 * strategies that dominate any evolutionary opponent").
 */
class ExtortionStrategyTest {

    private static final MatrixGame AXELROD = BuiltInGames.AXELROD_PD;

    private static double[] cooperation(Memory1Strategy s) {
        double[] pc = new double[s.numStates()];
        for (int state = 0; state < pc.length; state++) {
            pc[state] = s.probability(state, 0);
        }
        return pc;
    }

    /**
     * With (R, S, T, P) = (3, 0, 5, 1) and chi = 3, Press and Dyson's example is p = (11/13, 1/2, 7/26, 0) for
     * (CC, CD, DC, DD): phi is half of its largest feasible value 1/13, and the strategy opens with C.
     */
    @Test
    void pressDysonExample() {
        Memory1Strategy extort = FixedStrategies.create("extort", Map.of("chi", "3"), AXELROD, 0);
        assertArrayEquals(new double[] {1, 11.0 / 13, 0.5, 7.0 / 26, 0}, cooperation(extort), 1e-15);
        assertArrayEquals(cooperation(extort), cooperation(FixedStrategies.create("extort", AXELROD, 1)), 0.0,
                "chi = 3 is the default, and the table is the same for agent 2");
    }

    /**
     * The defining linear relation, in its exact discounted form. Write p~(s) = p(s) - [own last action in s was C]
     * for the ZD player X; Press and Dyson's construction makes p~(s) = phi ((r_X(s) - P) - chi (r_Y(s) - P)) for
     * each previous outcome s. Summing gamma^(t-1) E[p~(s_t)] over moves t &gt;= 1: E[p(s_t)] is the probability c_t
     * that X cooperates at move t and the indicator's expectation is c_(t-1), so the left side telescopes to
     * (1/gamma - 1) C - c_0/gamma with C = sum_t gamma^t c_t, while the right side is
     * phi ((V_X - P m) - chi (V_Y - P m)) with m = 1/(1 - gamma). Multiplying by (1 - gamma), with v = (1 - gamma) V
     * the average rewards and f = (1 - gamma) C the discounted cooperation frequency of X:
     * <pre>
     *   (v_X - P) - chi (v_Y - P) = (1 - gamma) (f - c_0) / (phi gamma)
     * </pre>
     * exactly, against any opponent; as gamma -&gt; 1 it becomes Press and Dyson's s_X - P = chi (s_Y - P).
     * Checked against random memory-1 opponents through the exact evaluator (f = occupancy of CC + CD), so the table
     * must be right in every state. Tolerance 1e-10 times the largest payoff T = 5: the average rewards are O(T) and
     * carry only the round-off of the exact solve (about 1e-13 of their size, see the exact-evaluator tests).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.96, 0.999})
    void enforcesTheLinearPayoffRelation(double gamma) {
        double chi = 3;
        double phi = 1.0 / 26;
        double p = 1;
        double largestPayoff = 5;
        double[] extort = FixedStrategies.create("extort", AXELROD, 0).logits(AXELROD, 0);
        ExactEvaluator exact = IteratedGame.infinite(AXELROD, gamma).newEvaluator();
        SplittableRandom rng = new SplittableRandom(0x2D);
        double[] occupancy = new double[4];
        for (int trial = 0; trial < 10; trial++) {
            double[] opponent = new double[5];
            for (int i = 0; i < 5; i++) {
                opponent[i] = 2 * rng.nextGaussian();
            }
            exact.setPoint(extort, opponent);
            exact.jointActionOccupancy(occupancy);
            double f = occupancy[0] + occupancy[1];
            double lhs = (exact.averageReward(0) - p) - chi * (exact.averageReward(1) - p);
            double rhs = (1 - gamma) * (f - 1.0) / (phi * gamma);
            assertEquals(rhs, lhs, 1e-10 * largestPayoff, "trial " + trial);
        }
    }

    @Test
    void phiIsAFractionOfItsLargestFeasibleValue() {
        // phi = 1/13 (fraction 1): p(CD) = 1 - (1 + 3 * 4)/13 = 0 and p(CC) = 1 - 2 * 2/13 = 9/13, p(DC) = 7/13.
        Memory1Strategy extort = FixedStrategies.create("extort", Map.of("phi", "1"), AXELROD, 0);
        assertArrayEquals(new double[] {1, 9.0 / 13, 0, 7.0 / 13, 0}, cooperation(extort), 1e-15);
        // chi = 1 makes the strategy fair (tit-for-tat-like): p(CC) = 1, p(CD) = 1 - phi (P - S + T - P).
        Memory1Strategy fair = FixedStrategies.create("extort", Map.of("chi", "1", "phi", "1"), AXELROD, 0);
        assertArrayEquals(new double[] {1, 1, 0, 1, 0}, cooperation(fair), 1e-15);
    }
}
