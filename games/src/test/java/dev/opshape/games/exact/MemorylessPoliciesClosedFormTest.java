package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ActionLogits;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Value, gradient and outcome occupancy of memoryless (but stochastic) policies in a 2 x 2 game against closed forms:
 * a case where the evaluator's linear solve is not trivial (every entry of P is strictly between 0 and 1) yet every
 * derivative can be written by hand.
 *
 * <p>Agent 1 uses the same logit x in every state (cooperates with p = sigmoid(x)), agent 2 the same logit y
 * (q = sigmoid(y)). Each move's outcome is then drawn independently from pi = [p q, p (1-q), (1-p) q, (1-p)(1-q)]
 * over (CC, CD, DC, DD), so V_i = m(T) pi . r_i and the outcome occupancy is pi, with m(T) = sum_{t &lt; T} gamma^t.
 *
 * <p>Gradient: the logit of agent 1's state s only changes agent 1's action at the moves whose previous outcome is s
 * (at move 0 for s = start), and since both policies ignore the history, changing that action does not change any
 * later move. With D1(r) = q r(CC) + (1-q) r(CD) - q r(DC) - (1-q) r(DD) (the gain in expected reward from C over D
 * for agent 1) and D2(r) = p r(CC) + (1-p) r(DC) - p r(CD) - (1-p) r(DD) (the same for agent 2):
 * <ul>
 *   <li>dV_i/dtheta1[start] = p (1-p) D1(r_i), dV_i/dtheta2[start] = q (1-q) D2(r_i);</li>
 *   <li>dV_i/dtheta1[1 + (a1, a2)] = p (1-p) D1(r_i) pi(a1, a2) gamma m(T-1);</li>
 *   <li>dV_i/dtheta2[1 + (a2, a1)] = q (1-q) D2(r_i) pi(a1, a2) gamma m(T-1) (agent 2's state lists its own action
 *       first: since pi(CD) != pi(DC) when p != q, a seat mix-up shows).</li>
 * </ul>
 * Tolerance 1e-10 relative, as in {@link ExactEvaluatorMatchesDerivativeStructureTest} (same computation, round-off
 * at most about 2e-13 of the scale).
 */
class MemorylessPoliciesClosedFormTest {

    static final double TOLERANCE = 1e-10;

    record Case(IteratedGame game, double x, double y) {
    }

    static Stream<Named<Case>> cases() {
        SplittableRandom rng = new SplittableRandom(0x3E3L);
        Stream.Builder<Named<Case>> cases = Stream.builder();
        for (MatrixGame stage : TestGames.twoByTwo()) {
            for (double gamma : new double[] {0.0, 0.5, 0.96, 0.99}) {
                for (int horizon : new int[] {IteratedGame.INFINITE, 1, 2, 150}) {
                    double x = 2 * rng.nextGaussian();
                    double y = 2 * rng.nextGaussian();
                    IteratedGame game = new IteratedGame(stage, gamma, horizon);
                    cases.add(Named.of(String.format("%s x=%.3f y=%.3f", IpdStrategyPairValuesTest.named(game)
                            .getName(), x, y), new Case(game, x, y)));
                }
            }
        }
        return cases.build();
    }

    private static ExactEvaluator at(Case c) {
        ExactEvaluator exact = c.game().newEvaluator();
        exact.setPoint(filled(c.x()), filled(c.y()));
        return exact;
    }

    private static double[] filled(double logit) {
        return new double[] {logit, logit, logit, logit, logit};
    }

    private static double[] outcomeDistribution(double p, double q) {
        return new double[] {p * q, p * (1 - q), (1 - p) * q, (1 - p) * (1 - q)};
    }

    private static double mass(IteratedGame game, int horizon) {
        return IpdStrategyPairValuesTest.mass(game.gamma(), horizon);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAreTheDiscountMassTimesTheStageGameExpectation(Case c) {
        ExactEvaluator exact = at(c);
        double[] pi = outcomeDistribution(ActionLogits.sigmoid(c.x()), ActionLogits.sigmoid(c.y()));
        for (int agent = 0; agent < 2; agent++) {
            double[] r = c.game().game().outcomeRewards(agent);
            double expected = mass(c.game(), c.game().horizon()) * dot(pi, r);
            Agreement.assertScalar("V" + (agent + 1), expected, exact.value(agent), TOLERANCE);
            Agreement.assertScalar("average reward of agent " + (agent + 1), dot(pi, r), exact.averageReward(agent),
                    TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void occupancyIsTheStageGameOutcomeDistribution(Case c) {
        ExactEvaluator exact = at(c);
        double[] occupancy = new double[4];
        exact.jointActionOccupancy(occupancy);
        Agreement.assertVector("occupancy", outcomeDistribution(ActionLogits.sigmoid(c.x()),
                ActionLogits.sigmoid(c.y())), occupancy, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchTheClosedForm(Case c) {
        ExactEvaluator exact = at(c);
        double p = ActionLogits.sigmoid(c.x());
        double q = ActionLogits.sigmoid(c.y());
        double[] pi = outcomeDistribution(p, q);
        IteratedGame game = c.game();
        // Discounted weight of the moves t >= 1: gamma m(T - 1); zero for T = 1.
        double later = game.isFinite() && game.horizon() == 1 ? 0.0
                : game.gamma() * mass(game, game.isFinite() ? game.horizon() - 1 : IteratedGame.INFINITE);
        for (int agent = 0; agent < 2; agent++) {
            double[] r = game.game().outcomeRewards(agent);
            double d1 = p * (1 - p) * (q * r[0] + (1 - q) * r[1] - q * r[2] - (1 - q) * r[3]);
            double d2 = q * (1 - q) * (p * r[0] + (1 - p) * r[2] - p * r[1] - (1 - p) * r[3]);
            double[] expected = new double[10];
            expected[0] = d1;
            expected[5] = d2;
            for (int a1 = 0; a1 < 2; a1++) {
                for (int a2 = 0; a2 < 2; a2++) {
                    double weight = pi[2 * a1 + a2] * later;
                    expected[1 + 2 * a1 + a2] = d1 * weight;
                    expected[5 + 1 + 2 * a2 + a1] = d2 * weight;
                }
            }
            double[] gradient = new double[10];
            exact.gradient(agent, gradient);
            Agreement.assertVector("gradient of V" + (agent + 1), expected, gradient, TOLERANCE);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
