package dev.opshape.games.exact;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The stage games the exact-evaluator tests run on: the built-in IPD, IMP and RPS, plus games with random payoffs
 * (fixed seeds) so that no test relies on the symmetries or zero-sum structure of the built-in ones. The
 * asymmetric 2 x 3 game matters most: it is the only one in which the two agents have different numbers of actions,
 * so a sigmoid agent meets a softmax agent and agent 2's own-view state index differs from agent 1's in layout.
 */
final class TestGames {

    /** A general 2 x 2 game, neither symmetric nor zero-sum. */
    static final MatrixGame RANDOM_2X2 = random("random-2x2", 2, 2, 0x2A2L);
    /** A general-sum 3 x 3 game (both agents softmax). */
    static final MatrixGame RANDOM_3X3 = random("random-3x3", 3, 3, 0x3A3L);
    /** Agent 1 has 2 actions (sigmoid), agent 2 has 3 (softmax). */
    static final MatrixGame ASYMMETRIC_2X3 = random("asymmetric-2x3", 2, 3, 0x2A3L);

    private TestGames() {
    }

    /** The games with 2 x 2 actions. */
    static List<MatrixGame> twoByTwo() {
        return List.of(BuiltInGames.IPD, BuiltInGames.IMP, RANDOM_2X2);
    }

    /** The games with more than two actions for at least one agent. */
    static List<MatrixGame> larger() {
        return List.of(BuiltInGames.RPS, RANDOM_3X3, ASYMMETRIC_2X3);
    }

    /** Payoffs uniform in [-3, 3] for each agent independently, from a fixed seed. */
    static MatrixGame random(String name, int n, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] p1 = new double[n][m];
        double[][] p2 = new double[n][m];
        for (int a1 = 0; a1 < n; a1++) {
            for (int a2 = 0; a2 < m; a2++) {
                p1[a1][a2] = rng.nextDouble(-3, 3);
                p2[a1][a2] = rng.nextDouble(-3, 3);
            }
        }
        return new MatrixGame(name, "random payoffs, seed " + seed, "test", null, null, p1, p2);
    }

    /** The largest absolute payoff of either agent: the reward scale R_max of the error bounds. */
    static double maxAbsPayoff(MatrixGame game) {
        double max = 0;
        for (int agent = 0; agent < 2; agent++) {
            for (int a1 = 0; a1 < game.rows(); a1++) {
                for (int a2 = 0; a2 < game.columns(); a2++) {
                    max = Math.max(max, Math.abs(game.payoff(agent, a1, a2)));
                }
            }
        }
        return max;
    }
}
