package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reproduces the exact IPD numbers listed in docs/published-results.md#gmrl-exact-reference, items 1 to
 * 3, which were obtained by running the Theoretical-GMRL / LOLA_DiCE exact code (Liu, Feng et al., NeurIPS 2022,
 * repository Benjamin-eecs/Theoretical-GMRL, snapshot 993f175; float64 re-run). gamma = 0.96, infinite horizon.
 *
 * <h2>Convention mapping (docs/conventions.md#gmrl-mapping)</h2>
 * In that code sigmoid(theta[s]) is the probability of <em>defecting</em> and the states are ordered
 * [start, DD, DC, CD, CC] (own action first); here p(C) = sigmoid(logit) and the order is [start, CC, CD, DC, DD].
 * So our logits are theirs negated and permuted: ours[i] = -theirs[PERM[i]] with PERM = [0, 4, 3, 2, 1] (its own
 * inverse). Their "K0" vector is the gradient of their loss L1 = -V1 with respect to their theta1; by the chain rule
 * (two sign changes cancel) it equals our dV1/dtheta1 permuted the same way: theirs[j] = ours[PERM[j]].
 *
 * <p>Tolerance: the published numbers are rounded to six decimals, so a correct computation differs from them by at
 * most half a unit in the sixth decimal, 5e-7 (our own round-off, about 1e-14 of these O(40) values, is negligible
 * beside it). Item 1 is exact: -37.5 is a dyadic number the computation reaches to round-off (1e-12).
 */
class PublishedReferenceValuesTest {

    private static final int[] PERM = {0, 4, 3, 2, 1};
    private static final double HALF_UNIT_SIXTH_DECIMAL = 5e-7;

    private static ExactEvaluator atTheirLogits(double[] theirs1, double[] theirs2) {
        ExactEvaluator exact = IteratedGame.infinite(BuiltInGames.IPD, 0.96).newEvaluator();
        exact.setPoint(ours(theirs1), ours(theirs2));
        return exact;
    }

    private static double[] ours(double[] theirs) {
        double[] ours = new double[5];
        for (int i = 0; i < 5; i++) {
            ours[i] = -theirs[PERM[i]];
        }
        return ours;
    }

    /** Our dV1/dtheta1 in their component order. */
    private static double[] theirK0Gradient(ExactEvaluator exact) {
        double[] gradient = new double[10];
        exact.gradient(0, gradient);
        double[] theirs = new double[5];
        for (int j = 0; j < 5; j++) {
            theirs[j] = gradient[PERM[j]];
        }
        return theirs;
    }

    /** Item 1: theta = 0 (every probability 1/2): V = -37.5 for both agents, (1 - gamma) V = -1.5. */
    @Test
    void uniformPoliciesValue() {
        ExactEvaluator exact = atTheirLogits(new double[5], new double[5]);
        for (int agent = 0; agent < 2; agent++) {
            assertEquals(-37.5, exact.value(agent), 1e-12);
            assertEquals(-1.5, exact.averageReward(agent), 1e-12);
        }
    }

    /** Item 2, K = 0 (the naive-learner gradient) at theta1 = theta2 = 0: (-0.25, -1.5, -1.5, -1.5, -1.5). */
    @Test
    void uniformPoliciesNaiveGradient() {
        double[] expected = {-0.25, -1.5, -1.5, -1.5, -1.5};
        double[] actual = theirK0Gradient(atTheirLogits(new double[5], new double[5]));
        for (int j = 0; j < 5; j++) {
            assertEquals(expected[j], actual[j], HALF_UNIT_SIXTH_DECIMAL, "component " + j);
        }
    }

    /**
     * Item 3: theta1 = (0.5, -0.3, 0.2, 0.1, -0.4), theta2 = (-0.2, 0.4, -0.1, 0.3, 0.6) in their convention:
     * V1 = -41.090474, V2 = -35.028236 and K0 = (-0.235251, -1.440071, -1.184032, -1.742751, -1.144508).
     */
    @Test
    void asymmetricPointValuesAndNaiveGradient() {
        ExactEvaluator exact = atTheirLogits(new double[] {0.5, -0.3, 0.2, 0.1, -0.4},
                new double[] {-0.2, 0.4, -0.1, 0.3, 0.6});
        assertEquals(-41.090474, exact.value(0), HALF_UNIT_SIXTH_DECIMAL, "V1");
        assertEquals(-35.028236, exact.value(1), HALF_UNIT_SIXTH_DECIMAL, "V2");
        double[] expected = {-0.235251, -1.440071, -1.184032, -1.742751, -1.144508};
        double[] actual = theirK0Gradient(exact);
        for (int j = 0; j < 5; j++) {
            assertEquals(expected[j], actual[j], HALF_UNIT_SIXTH_DECIMAL, "K0 component " + j);
        }
    }
}
