package dev.opshape.games.exact;

import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.testkit.Vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One test case for the exact evaluator: an iterated game, a point (theta1, theta2) and a direction v over the
 * concatenated logits (for Hessian-vector products).
 *
 * @param label     human-readable name of the case (shown by the parameterised tests)
 * @param game      the iterated game (stage game, gamma, horizon)
 * @param theta1    agent 1's logits
 * @param theta2    agent 2's logits
 * @param direction a direction over (theta1, theta2)
 */
record EvaluationPoint(String label, IteratedGame game, double[] theta1, double[] theta2, double[] direction) {

    /** The logit scales the random points cycle through: from nearly uniform policies to nearly deterministic. */
    static final double[] SIGMAS = {0.5, 1.0, 2.0, 3.0};

    @Override
    public String toString() {
        return label;
    }

    /**
     * Random points for every (gamma, horizon) combination, {@code perCombination} each: logits ~ N(0, sigma^2) with
     * sigma cycling through {@link #SIGMAS}, direction entries ~ N(0, 1). Deterministic for a given seed.
     *
     * @param horizons horizons, {@link IteratedGame#INFINITE} (0) for the infinite one
     */
    static List<EvaluationPoint> grid(MatrixGame stage, double[] gammas, int[] horizons,
                                      int perCombination, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<EvaluationPoint> points = new ArrayList<>();
        int index = 0;
        for (double gamma : gammas) {
            for (int horizon : horizons) {
                IteratedGame game = new IteratedGame(stage, gamma, horizon);
                for (int i = 0; i < perCombination; i++) {
                    double sigma = SIGMAS[index % SIGMAS.length];
                    double[] theta1 = gaussian(rng, game.dimension(0), sigma);
                    double[] theta2 = gaussian(rng, game.dimension(1), sigma);
                    double[] v = gaussian(rng, game.jointDimension(), 1.0);
                    String label = String.format("%s gamma=%s T=%s sigma=%s #%d", stage.name(), gamma,
                            horizon == IteratedGame.INFINITE ? "inf" : Integer.toString(horizon), sigma, index);
                    points.add(new EvaluationPoint(label, game, theta1, theta2, v));
                    index++;
                }
            }
        }
        return points;
    }

    static double[] gaussian(SplittableRandom rng, int size, double sigma) {
        return Vectors.gaussian(rng, size, sigma);
    }
}
