package dev.opshape.games;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in matrix games, each with the source of its payoffs. Rewards, higher is better; action 0 of every
 * dilemma game is cooperate.
 */
public final class BuiltInGames {

    private static final List<String> CD = List.of("C", "D");

    /**
     * Iterated prisoner's dilemma with the payoffs of the LOLA paper (Foerster et al. 2018, "Learning with
     * Opponent-Learning Awareness", AAMAS, Table 1): R = -1, S = -3, T = 0, P = -2.
     */
    public static final MatrixGame IPD = MatrixGame.symmetric("ipd",
            "iterated prisoner's dilemma",
            "Foerster et al. 2018, Learning with Opponent-Learning Awareness, AAMAS, Table 1",
            CD, new double[][] {{-1, -3}, {0, -2}});

    /**
     * The prisoner's dilemma of Axelrod's tournaments and of the Axelrod-Python library's default {@code Game()}:
     * R = 3, S = 0, T = 5, P = 1 (Axelrod 1984, "The Evolution of Cooperation"; Knight et al. 2016, "An Open
     * Framework for the Reproducible Study of the Iterated Prisoner's Dilemma", JORS). Play it as Axelrod does with
     * {@code --gamma 1 --horizon 200} (fixed-length matches of 200 turns).
     */
    public static final MatrixGame AXELROD_PD = MatrixGame.symmetric("axelrod-pd",
            "prisoner's dilemma of Axelrod's tournaments (R 3, S 0, T 5, P 1)",
            "Axelrod 1984, The Evolution of Cooperation; Axelrod-Python's default Game (Knight et al. 2016)",
            CD, new double[][] {{3, 0}, {5, 1}});

    /**
     * Iterated matching pennies (LOLA paper, Foerster et al. 2018, Table 2): agent 1 wins +1 when the actions match,
     * agent 2 wins +1 when they differ; zero-sum.
     */
    public static final MatrixGame IMP = new MatrixGame("imp",
            "iterated matching pennies (zero-sum)",
            "Foerster et al. 2018, Learning with Opponent-Learning Awareness, AAMAS, Table 2",
            List.of("H", "T"), List.of("H", "T"),
            new double[][] {{1, -1}, {-1, 1}}, new double[][] {{-1, 1}, {1, -1}});

    /**
     * Stag hunt with the example payoffs of Wikipedia's "Stag hunt" article (Fig. 2): stag together 2, stag alone 0,
     * hare 1 whatever the other does, so R=2 &gt; T=1 &gt;= P=1 &gt; S=0 (the ordering of Skyrms 2004, "The Stag Hunt
     * and the Evolution of Social Structure").
     */
    public static final MatrixGame STAG_HUNT = MatrixGame.symmetric("stag-hunt",
            "stag hunt (C = stag, D = hare)",
            "Wikipedia, Stag hunt, Fig. 2 (ordering R > T >= P > S of Skyrms 2004)",
            CD, new double[][] {{2, 0}, {1, 1}});

    /**
     * Chicken with the payoffs of Wikipedia's "Chicken (game)" article (Fig. 1): both swerve 0, swerve against
     * straight -1, straight against swerve +1, crash -10 (T=1 &gt; R=0 &gt; S=-1 &gt; P=-10).
     */
    public static final MatrixGame CHICKEN = MatrixGame.symmetric("chicken",
            "chicken (C = swerve, D = straight)",
            "Wikipedia, Chicken (game), Fig. 1",
            CD, new double[][] {{0, -1}, {1, -10}});

    /**
     * Battle of the sexes, "Bach or Stravinsky" (Osborne and Rubinstein 1994, "A Course in Game Theory", Example
     * 15.3): action 0 = B, 1 = S; agent 1 prefers B (2 vs 1), agent 2 prefers S, miscoordination gives 0.
     */
    public static final MatrixGame BOS = new MatrixGame("bos",
            "battle of the sexes (coordination with conflicting preferences)",
            "Osborne and Rubinstein 1994, A Course in Game Theory, Example 15.3",
            List.of("B", "S"), List.of("B", "S"),
            new double[][] {{2, 0}, {0, 1}}, new double[][] {{1, 0}, {0, 2}});

    /**
     * Rock-paper-scissors, win +1, loss -1, tie 0 (zero-sum; the matrix of OpenSpiel's {@code matrix_rps},
     * Lanctot et al. 2019, "OpenSpiel: A Framework for Reinforcement Learning in Games").
     */
    public static final MatrixGame RPS = MatrixGame.symmetric("rps",
            "rock-paper-scissors (zero-sum, 3 x 3)",
            "Lanctot et al. 2019, OpenSpiel (matrix_rps)",
            List.of("R", "P", "S"), new double[][] {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}});

    private static final Map<String, MatrixGame> BY_NAME = new LinkedHashMap<>();

    static {
        for (MatrixGame game : List.of(IPD, AXELROD_PD, IMP, STAG_HUNT, CHICKEN, BOS, RPS)) {
            BY_NAME.put(game.name(), game);
        }
    }

    private BuiltInGames() {
    }

    /** Every built-in game, in a fixed order. */
    public static List<MatrixGame> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The names of the built-in games, in the order of {@link #all()}. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The built-in game of that name (case-insensitive), if any. */
    public static Optional<MatrixGame> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
