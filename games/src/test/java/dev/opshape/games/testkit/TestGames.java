package dev.opshape.games.testkit;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The stage games every module's tests run on (the games module's test kit, shared as its test-jar): the built-in
 * IPD, IMP and RPS, games with random payoffs (fixed seeds) so that no test relies on the symmetries or zero-sum
 * structure of the built-in ones, and a hand-made asymmetric 2 x 3 game. That one matters most: it is the only one in
 * which the two agents have different numbers of actions, so a sigmoid agent meets a softmax agent and agent 2's
 * own-view state index differs from agent 1's in layout.
 */
public final class TestGames {

    /** A general 2 x 2 game, neither symmetric nor zero-sum. */
    public static final MatrixGame RANDOM_2X2 = random("random-2x2", 2, 2, 0x2A2L);
    /** A general-sum 3 x 3 game (both agents softmax). */
    public static final MatrixGame RANDOM_3X3 = random("random-3x3", 3, 3, 0x3A3L);
    /**
     * Agent 1 has 2 actions (one sigmoid logit per state, 7 logits), agent 2 has 3 (softmax, 21 logits), and the
     * payoffs (made up) have no symmetry, so a mixed-up agent, state encoding or logit block shows.
     */
    public static final MatrixGame ASYMMETRIC_2X3 = new MatrixGame("asym-2x3", "asymmetric 2 x 3 test game",
            "tests (made up)", List.of("U", "D"), List.of("L", "M", "R"),
            new double[][] {{2.5, -1.0, 0.25}, {-0.5, 1.5, -2.0}},
            new double[][] {{-1.5, 0.75, 2.0}, {3.0, -0.25, -1.0}});

    private TestGames() {
    }

    /** The games by name: ipd (2 x 2, sigmoid), imp, rps (3 x 3, softmax) and asym-2x3 (mixed). */
    public static MatrixGame byName(String name) {
        return switch (name) {
            case "ipd" -> BuiltInGames.IPD;
            case "imp" -> BuiltInGames.IMP;
            case "rps" -> BuiltInGames.RPS;
            case "asym-2x3" -> ASYMMETRIC_2X3;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The games with 2 x 2 actions. */
    public static List<MatrixGame> twoByTwo() {
        return List.of(BuiltInGames.IPD, BuiltInGames.IMP, RANDOM_2X2);
    }

    /** The games with more than two actions for at least one agent. */
    public static List<MatrixGame> larger() {
        return List.of(BuiltInGames.RPS, RANDOM_3X3, ASYMMETRIC_2X3);
    }

    /** Payoffs uniform in [-3, 3] for each agent independently, from a fixed seed. */
    public static MatrixGame random(String name, int n, int m, long seed) {
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
    public static double maxAbsPayoff(MatrixGame game) {
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
