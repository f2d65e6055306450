package dev.opshape.shaping.estimator;

import dev.opshape.games.MatrixGame;
import dev.opshape.games.testkit.TestGames;
import dev.opshape.testkit.Vectors;

import java.util.SplittableRandom;

/** Games and random points shared by the estimator tests. */
final class EstimatorFixtures {

    private EstimatorFixtures() {
    }

    /** The games by name: ipd (2 x 2, sigmoid), rps (3 x 3, softmax) and asym-2x3 (mixed). */
    static MatrixGame game(String name) {
        return TestGames.byName(name);
    }

    /** A vector with independent N(0, scale^2) entries. */
    static double[] gaussian(SplittableRandom random, int length, double scale) {
        return Vectors.gaussian(random, length, scale);
    }

    /** x + N(0, scale^2) per entry (a nearby point, for behaviour policies). */
    static double[] perturbed(SplittableRandom random, double[] x, double scale) {
        return Vectors.perturbed(random, x, scale);
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
