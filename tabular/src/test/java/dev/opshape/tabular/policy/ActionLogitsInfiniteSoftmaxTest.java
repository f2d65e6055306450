package dev.opshape.tabular.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Softmax states with infinite logits: the actions with the largest logit share the probability. */
class ActionLogitsInfiniteSoftmaxTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] probabilities(double... logits) {
        double[] pi = new double[logits.length];
        ActionLogits.probabilities(logits, 0, logits.length, pi, 0);
        return pi;
    }

    @Test
    void everyLogitMinusInfinityPlaysUniformly() {
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, probabilities(-INF, -INF, -INF), 0.0);
        for (int a = 0; a < 3; a++) {
            assertEquals(-Math.log(3), ActionLogits.logProbability(new double[] {-INF, -INF, -INF}, 0, 3, a), 0.0);
        }
    }

    @Test
    void onePlusInfinityIsCertain() {
        assertArrayEquals(new double[] {0, 1, 0}, probabilities(0, INF, -INF), 0.0);
        assertEquals(0.0, ActionLogits.logProbability(new double[] {0, INF, -INF}, 0, 3, 1), 0.0);
        assertEquals(-INF, ActionLogits.logProbability(new double[] {0, INF, -INF}, 0, 3, 0), 0.0);
    }

    @Test
    void severalPlusInfinitiesSplitEqually() {
        assertArrayEquals(new double[] {0.5, 0, 0.5}, probabilities(INF, 7, INF), 0.0);
        assertEquals(-Math.log(2), ActionLogits.logProbability(new double[] {INF, 7, INF}, 0, 3, 2), 0.0);
    }

    @Test
    void minusInfinityBesideFiniteLogitsIsImpossible() {
        double[] pi = probabilities(-INF, 0, Math.log(3));
        assertArrayEquals(new double[] {0, 0.25, 0.75}, pi, 1e-15);
        assertEquals(-INF, ActionLogits.logProbability(new double[] {-INF, 0, Math.log(3)}, 0, 3, 0), 0.0);
    }
}
