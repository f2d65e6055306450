package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the evaluator treats its inputs: the subclass chosen by the horizon, the dimensions, rejection of malformed
 * logit vectors with a message that names the bad value, use before a point is set, and that the caller's arrays are
 * copied rather than retained.
 */
class ExactEvaluatorInputTest {

    private static final IteratedGame IPD = IteratedGame.infinite(BuiltInGames.IPD, 0.96);

    @Test
    void horizonSelectsTheEvaluator() {
        assertTrue(IPD.newEvaluator() instanceof DiscountedTwoByTwoEvaluator, "2 x 2, infinite horizon");
        assertTrue(IteratedGame.infinite(TestGames.ASYMMETRIC_2X3, 0.9).newEvaluator()
               .getClass().getSimpleName().equals("DiscountedEvaluator"), "2 x 3, infinite horizon");
        assertTrue(IteratedGame.infinite(BuiltInGames.RPS, 0.9).newEvaluator().getClass().getSimpleName().equals("DiscountedEvaluator"),
                "3 x 3, infinite horizon");
        assertTrue(IPD.withHorizon(150).newEvaluator().getClass().getSimpleName().equals("FiniteHorizonEvaluator"));
    }

    @Test
    void dimensionsFollowThePolicyLayout() {
        ExactEvaluator ipd = IPD.newEvaluator();
        assertEquals(5, ipd.layout().dimension(0));
        assertEquals(5, ipd.layout().dimension(1));
        assertEquals(10, ipd.dimension());
        ExactEvaluator asymmetric = IteratedGame.infinite(TestGames.ASYMMETRIC_2X3, 0.9).newEvaluator();
        assertEquals(7, asymmetric.layout().dimension(0), "7 states x 1 logit (2 actions, sigmoid)");
        assertEquals(21, asymmetric.layout().dimension(1), "7 states x 3 logits (3 actions, softmax)");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void wrongLengthIsRejectedWithTheLength(int length) {
        ExactEvaluator exact = IPD.newEvaluator();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> exact.setPoint(new double[5], new double[length]));
        assertTrue(e.getMessage().contains("theta2 has " + length + " logits") && e.getMessage().contains("needs 5"),
                e.getMessage());
    }

    @Test
    void nanLogitIsRejectedWithItsIndex() {
        ExactEvaluator exact = IPD.newEvaluator();
        double[] theta1 = new double[5];
        theta1[3] = Double.NaN;
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> exact.setPoint(theta1, new double[5]));
        assertTrue(e.getMessage().contains("theta1[3] is NaN"), e.getMessage());
    }

    @Test
    void queriesBeforeSetPointAreRefused() {
        ExactEvaluator exact = IPD.newEvaluator();
        assertThrows(IllegalStateException.class, () -> exact.value(0));
        assertThrows(IllegalStateException.class, () -> exact.gradient(0, new double[10]));
        assertThrows(IllegalStateException.class, () -> exact.hessianVectorProduct(0, new double[10],
                new double[10]));
    }

    @Test
    void shortHessianVectorArraysAreRejected() {
        ExactEvaluator exact = IPD.newEvaluator();
        exact.setPoint(new double[5], new double[5]);
        assertThrows(IllegalArgumentException.class, () -> exact.hessianVectorProduct(0, new double[9],
                new double[10]));
        assertThrows(IllegalArgumentException.class, () -> exact.hessianVectorProduct(0, new double[10],
                new double[9]));
    }

    @Test
    void callerArraysAreCopiedNotRetained() {
        ExactEvaluator exact = IPD.newEvaluator();
        double[] theta1 = new double[5];
        double[] theta2 = new double[5];
        exact.setPoint(theta1, theta2);
        theta1[0] = 10;
        theta2[2] = -10;
        assertEquals(-37.5, exact.value(0), 1e-12);
        double[] gradient = new double[10];
        exact.gradient(0, gradient);
        assertEquals(-0.25, gradient[0], 1e-12, "the gradient must still be the one at theta = 0");
    }

    @Test
    void policyReportsTheActionProbabilitiesByOwnViewState() {
        ExactEvaluator exact = IPD.newEvaluator();
        exact.setPoint(FixedStrategies.create("tft", BuiltInGames.IPD, 0).logits(BuiltInGames.IPD, 0),
                FixedStrategies.create("wsls", BuiltInGames.IPD, 1).logits(BuiltInGames.IPD, 1));
        double[] policy = new double[10];
        exact.policy(0, policy);
        // TFT: [start, CC, CD, DC, DD] -> C, C, D, C, D
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1, 1, 0, 0, 1}, policy, 0.0);
        exact.policy(1, policy);
        // WSLS: C, C, D, D, C
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1, 0, 1, 1, 0}, policy, 0.0);
    }
}
