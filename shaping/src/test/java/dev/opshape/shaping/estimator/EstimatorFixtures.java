package dev.opshape.shaping.estimator;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;

import java.util.List;
import java.util.SplittableRandom;

/** Games and random points shared by the estimator tests. */
final class EstimatorFixtures {

    /**
     * An asymmetric 2 x 3 general-sum game made up for these tests: agent 1 has 2 actions (one sigmoid logit per
     * state, 7 logits), agent 2 has 3 (softmax, 21 logits), and the payoffs have no symmetry, so a mixed-up agent,
     * state encoding or logit block shows.
     */
    static final MatrixGame ASYMMETRIC = new MatrixGame("asym-2x3", "asymmetric 2 x 3 estimator test game",
            "estimator tests (made up)",
            List.of("U", "D"), List.of("L", "M", "R"),
            new double[][] {{2.5, -1.0, 0.25}, {-0.5, 1.5, -2.0}},
            new double[][] {{-1.5, 0.75, 2.0}, {3.0, -0.25, -1.0}});

    private EstimatorFixtures() {
    }

    /** The games by name: ipd (2 x 2, sigmoid), rps (3 x 3, softmax) and asym-2x3 (mixed). */
    static MatrixGame game(String name) {
        return switch (name) {
            case "ipd" -> BuiltInGames.IPD;
            case "rps" -> BuiltInGames.RPS;
            case "asym-2x3" -> ASYMMETRIC;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A vector with independent N(0, scale^2) entries. */
    static double[] gaussian(SplittableRandom random, int length, double scale) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        return x;
    }

    /** x + N(0, scale^2) per entry (a nearby point, for behaviour policies). */
    static double[] perturbed(SplittableRandom random, double[] x, double scale) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += scale * random.nextGaussian();
        }
        return y;
    }

    /** The joint vector (0, w): zero on agent 1's block, w on agent 2's (for the mixed products). */
    static double[] opponentDirection(int dim1, double[] w) {
        double[] v = new double[dim1 + w.length];
        System.arraycopy(w, 0, v, dim1, w.length);
        return v;
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double value : x) {
            m = Math.max(m, Math.abs(value));
        }
        return m;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double value : x) {
            s += value * value;
        }
        return Math.sqrt(s);
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
