package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;

import java.util.SplittableRandom;

/**
 * Inputs shared by the benchmarks: games by name and pre-generated random logits and directions. Everything is
 * drawn at set-up from a fixed seed, so every run sees the same inputs, and nothing the JIT could fold is a
 * compile-time constant.
 */
final class Inputs {

    /** Number of pre-generated points or directions a benchmark cycles through (a power of two). */
    static final int POINTS = 64;
    /** Discount of the LOLA and LOLA-DiCE papers. */
    static final double GAMMA = IteratedGame.DEFAULT_GAMMA;

    private Inputs() {
    }

    /** The built-in stage game of that name (ipd, rps, ...). */
    static MatrixGame game(String name) {
        return BuiltInGames.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown game " + name));
    }

    /** The iterated game: horizon 0 = infinite, otherwise T moves; gamma = 0.96. */
    static IteratedGame iterated(String name, int horizon) {
        return new IteratedGame(game(name), GAMMA, horizon);
    }

    /** {@code count} vectors of {@code size} N(0, 1) entries. */
    /** Each point's joint vector (theta1[i], theta2[i]): the two agents' blocks concatenated. */
    static double[][] joint(double[][] theta1, double[][] theta2) {
        double[][] joint = new double[theta1.length][];
        for (int i = 0; i < joint.length; i++) {
            joint[i] = new double[theta1[i].length + theta2[i].length];
            System.arraycopy(theta1[i], 0, joint[i], 0, theta1[i].length);
            System.arraycopy(theta2[i], 0, joint[i], theta1[i].length, theta2[i].length);
        }
        return joint;
    }

    static double[][] gaussians(SplittableRandom rng, int count, int size) {
        double[][] x = new double[count][size];
        for (double[] row : x) {
            for (int i = 0; i < size; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return x;
    }
}
