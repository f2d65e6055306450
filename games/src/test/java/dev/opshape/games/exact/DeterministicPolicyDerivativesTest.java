package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.games.strategy.Memory1Strategy;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deterministic strategies are logit vectors with infinite entries. The evaluator must treat them as the limit of
 * large finite logits: the derivative of sigmoid (or of a softmax at a vertex) vanishes there, so
 * <ul>
 *   <li>with both agents deterministic, every gradient and Hessian-vector product component is exactly 0 (not NaN,
 *       which 0 * infinity or infinity - infinity would give);</li>
 *   <li>with one agent deterministic and the other stochastic, the derivatives are finite, zero on the deterministic
 *       agent's logits, and equal to their values at large finite logits (+-40, where sigmoid differs from 0 or 1 by
 *       4e-18, below the resolution of any O(1) quantity: agreement to 1e-12 relative).</li>
 * </ul>
 */
class DeterministicPolicyDerivativesTest {

    private static final List<String> DETERMINISTIC = List.of("allc", "alld", "tft", "wsls", "grim");

    record Pair(IteratedGame game, double[] theta1, double[] theta2) {
    }

    static Stream<Named<Pair>> deterministicPairs() {
        MatrixGame ipd = BuiltInGames.IPD;
        List<Named<Pair>> pairs = new ArrayList<>();
        for (int horizon : new int[] {IteratedGame.INFINITE, 20}) {
            IteratedGame game = new IteratedGame(ipd, 0.96, horizon);
            for (String s1 : DETERMINISTIC) {
                for (String s2 : DETERMINISTIC) {
                    pairs.add(Named.of(s1 + " vs " + s2 + " T=" + horizon, new Pair(game,
                            FixedStrategies.create(s1, ipd, 0).logits(ipd, 0),
                            FixedStrategies.create(s2, ipd, 1).logits(ipd, 1))));
                }
            }
        }
        // Rock-paper-scissors: "always rock" against "copy the opponent's last action" (softmax at a vertex, logits
        // 0 and -infinity).
        MatrixGame rps = BuiltInGames.RPS;
        for (int horizon : new int[] {IteratedGame.INFINITE, 20}) {
            IteratedGame game = new IteratedGame(rps, 0.9, horizon);
            pairs.add(Named.of("rps always-rock vs copycat T=" + horizon, new Pair(game,
                    alwaysRock().logits(rps, 0), copycat().logits(rps, 1))));
        }
        return pairs.stream();
    }

    static Memory1Strategy alwaysRock() {
        double[] table = new double[10 * 3];
        for (int s = 0; s < 10; s++) {
            table[3 * s] = 1.0;
        }
        return new Memory1Strategy("always-rock", 3, table);
    }

    /** Plays rock first, then the action the other agent played last (own-view state 1 + 3 own + other). */
    static Memory1Strategy copycat() {
        double[] table = new double[10 * 3];
        table[0] = 1.0;
        for (int own = 0; own < 3; own++) {
            for (int other = 0; other < 3; other++) {
                table[3 * (1 + 3 * own + other) + other] = 1.0;
            }
        }
        return new Memory1Strategy("copycat", 3, table);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministicPairs")
    void derivativesVanishWhenBothAgentsAreDeterministic(Pair pair) {
        ExactEvaluator exact = pair.game().newEvaluator();
        exact.setPoint(pair.theta1(), pair.theta2());
        double[] v = EvaluationPoint.gaussian(new SplittableRandom(5), exact.dimension(), 1.0);
        double[] out = new double[exact.dimension()];
        for (int agent = 0; agent < 2; agent++) {
            assertTrue(Double.isFinite(exact.value(agent)), "value must be finite");
            exact.gradient(agent, out);
            for (int k = 0; k < out.length; k++) {
                assertEquals(0.0, out[k], 0.0, "gradient component " + k + " of V" + (agent + 1));
            }
            exact.hessianVectorProduct(agent, v, out);
            for (int k = 0; k < out.length; k++) {
                assertEquals(0.0, out[k], 0.0, "Hessian-vector component " + k + " of V" + (agent + 1));
            }
        }
    }

    static Stream<Named<Pair>> mixedPairs() {
        MatrixGame ipd = BuiltInGames.IPD;
        SplittableRandom rng = new SplittableRandom(0xD37L);
        List<Named<Pair>> pairs = new ArrayList<>();
        for (int horizon : new int[] {IteratedGame.INFINITE, 20}) {
            IteratedGame game = new IteratedGame(ipd, 0.96, horizon);
            for (String s : DETERMINISTIC) {
                double[] fixed = FixedStrategies.create(s, ipd, 1).logits(ipd, 1);
                double[] learner = EvaluationPoint.gaussian(rng, 5, 1.0);
                pairs.add(Named.of("learner vs " + s + " T=" + horizon, new Pair(game, learner, fixed)));
                pairs.add(Named.of(s + " vs learner T=" + horizon, new Pair(game, fixed.clone(), learner)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mixedPairs")
    void derivativesAgainstADeterministicAgentAreTheLimitOfLargeLogits(Pair pair) {
        ExactEvaluator exact = pair.game().newEvaluator();
        ExactEvaluator large = pair.game().newEvaluator();
        exact.setPoint(pair.theta1(), pair.theta2());
        large.setPoint(clamped(pair.theta1()), clamped(pair.theta2()));
        double[] v = EvaluationPoint.gaussian(new SplittableRandom(6), exact.dimension(), 1.0);
        double[] atInfinity = new double[exact.dimension()];
        double[] atForty = new double[exact.dimension()];
        for (int agent = 0; agent < 2; agent++) {
            Agreement.assertScalar("V" + (agent + 1), large.value(agent), exact.value(agent), 1e-12);
            exact.gradient(agent, atInfinity);
            large.gradient(agent, atForty);
            assertDeterministicBlockIsZero(pair, atInfinity, "gradient");
            Agreement.assertVector("gradient of V" + (agent + 1), atForty, atInfinity, 1e-12);
            exact.hessianVectorProduct(agent, v, atInfinity);
            large.hessianVectorProduct(agent, v, atForty);
            assertDeterministicBlockIsZero(pair, atInfinity, "Hessian-vector product");
            Agreement.assertVector("Hessian-vector product of V" + (agent + 1), atForty, atInfinity, 1e-12);
        }
    }

    private static void assertDeterministicBlockIsZero(Pair pair, double[] out, String what) {
        int d1 = pair.theta1().length;
        for (int k = 0; k < out.length; k++) {
            double logit = k < d1 ? pair.theta1()[k] : pair.theta2()[k - d1];
            assertTrue(Double.isFinite(out[k]), what + " component " + k + " is " + out[k]);
            if (Double.isInfinite(logit)) {
                assertEquals(0.0, out[k], 0.0, what + " component " + k + " (an infinite logit)");
            }
        }
    }

    private static double[] clamped(double[] theta) {
        double[] c = theta.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(-40, Math.min(40, c[i]));
        }
        return c;
    }
}
