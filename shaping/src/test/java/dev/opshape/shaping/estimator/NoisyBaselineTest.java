package dev.opshape.shaping.estimator;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The noisy baseline (its unbiasedness is checked with the other kinds in {@link SampledEstimatorUnbiasednessTest}):
 * its errors are standard normal draws scaled by noise |V_T|_2 / S, reproducible per (seed, stream), and noise 0 is
 * the exact baseline bit for bit.
 */
class NoisyBaselineTest {

    private static final int HORIZON = 12;

    private static IteratedGame game() {
        return IteratedGame.finite(EstimatorFixtures.game("ipd"), 0.9, HORIZON);
    }

    private static double[] point(IteratedGame game) {
        SplittableRandom random = new SplittableRandom(17);
        return EstimatorFixtures.gaussian(random, game.jointDimension(), 1.0);
    }

    /**
     * Over 4000 draws the standardised errors (b - V) / scale have mean 0 and variance 1 within 4.5 standard errors
     * (SE of the mean 1/sqrt(n), of the variance sqrt(2/n) for a normal), in every player and state, and the scale
     * is the documented one.
     */
    @Test
    void errorsAreStandardNormalTimesTheDocumentedScale() {
        IteratedGame game = game();
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(point(game));
        double noise = 0.7;
        NoisyBaseline baseline = new NoisyBaseline(exact, HORIZON, noise);
        int states = game.model().numStates();
        int draws = 4000;
        for (int player = 0; player < 2; player++) {
            double squares = 0;
            for (int s = 0; s < states; s++) {
                squares += exact.stateValue(player, s, HORIZON) * exact.stateValue(player, s, HORIZON);
            }
            double scale = noise * Math.sqrt(squares) / states;
            for (int s = 0; s < states; s++) {
                double sum = 0;
                double sumSq = 0;
                for (int n = 0; n < draws; n++) {
                    baseline.draw(5L, n);
                    // Every move count sees the same error of the batch.
                    double z = (baseline.value(player, s, 3) - exact.stateValue(player, s, 3)) / scale;
                    double z2 = (baseline.value(player, s, HORIZON) - exact.stateValue(player, s, HORIZON)) / scale;
                    assertEquals(z, z2, 1e-9);
                    sum += z;
                    sumSq += z * z;
                }
                double mean = sum / draws;
                double variance = sumSq / draws - mean * mean;
                assertEquals(0.0, mean, 4.5 / Math.sqrt(draws), "player " + player + " state " + s);
                assertEquals(1.0, variance, 4.5 * Math.sqrt(2.0 / draws), "player " + player + " state " + s);
            }
        }
    }

    @Test
    void drawsAreReproducibleAndKeyedByTheStream() {
        IteratedGame game = game();
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(point(game));
        NoisyBaseline baseline = new NoisyBaseline(exact, HORIZON, 1.0);
        baseline.draw(3L, 11L);
        double first = baseline.value(0, 2, HORIZON);
        baseline.draw(3L, 12L);
        double other = baseline.value(0, 2, HORIZON);
        baseline.draw(3L, 11L);
        assertEquals(first, baseline.value(0, 2, HORIZON), 0.0);
        assertTrue(first != other);
    }

    private static double[] estimates(IteratedGame game, BaselineKind kind, double noise, int batch) {
        SampledEstimatorSpec spec = new SampledEstimatorSpec(Surrogates.dice(), batch, HORIZON, kind, 0,
                Double.POSITIVE_INFINITY, noise);
        GradientEstimator estimator = spec.create(game);
        double[] theta = point(game);
        estimator.setPoint(theta, 9L, 4L);
        return SampledEstimatorUnbiasednessTest.queries(estimator, theta, theta);
    }

    @Test
    void noiseZeroIsTheExactBaselineAndNoiseChangesTheEstimates() {
        IteratedGame game = game();
        double[] exact = estimates(game, BaselineKind.EXACT, 1.0, 16);
        assertArrayEquals(exact, estimates(game, BaselineKind.NOISY, 0.0, 16), 0.0);
        assertFalse(Arrays.equals(exact, estimates(game, BaselineKind.NOISY, 1.0, 16)));
    }
}
