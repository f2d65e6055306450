package dev.opshape.cli.option;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that pick the iterated game, shared by every subcommand that plays one: {@code --game},
 * {@code --gamma} and {@code --horizon}. Values are checked as they are parsed, so a bad one is reported as bad
 * input before the command runs.
 */
public final class GameOptions {

    /** Default {@code --horizon}: 0, the infinite horizon. */
    public static final String DEFAULT_HORIZON = "0";

    /**
     * Largest finite {@code --horizon}: the exact finite-horizon evaluator keeps O(T * n * m) numbers, so a typo such
     * as 1500000000 would run out of memory instead of being reported.
     */
    public static final int MAX_HORIZON = 1_000_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private MatrixGame game = BuiltInGames.IPD;
    private double gamma = IteratedGame.DEFAULT_GAMMA;
    private int horizon = IteratedGame.INFINITE;

    @Option(names = "--game", paramLabel = "GAME", defaultValue = "ipd", converter = GameArgument.class,
            completionCandidates = GameArgument.BuiltInNames.class,
            description = "Stage game: a built-in name (${COMPLETION-CANDIDATES}), a path to a JSON game file, or "
                    + "inline JSON such as '{\"actions1\":[\"C\",\"D\"],\"payoffs1\":[[3,0],[5,1]]}' "
                    + "(see 'opshape games'). Default: ${DEFAULT-VALUE}.")
    void setGame(MatrixGame game) {
        this.game = game;
    }

    @Option(names = "--gamma", paramLabel = "GAMMA", defaultValue = "" + IteratedGame.DEFAULT_GAMMA,
            converter = NumberArguments.FiniteNumber.class,
            description = "Discount factor, or continuation probability, 0 <= GAMMA <= 1: V_i = sum_t GAMMA^t "
                    + "E[r_i,t]; GAMMA = 1 (an undiscounted match of fixed length, as in Axelrod's tournaments) needs "
                    + "a finite --horizon. Default: ${DEFAULT-VALUE} (LOLA papers).")
    void setGamma(double gamma) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--gamma': " + gamma
                    + " is outside [0, 1]; the discount must satisfy 0 <= gamma <= 1 (1 with a finite --horizon)");
        }
        this.gamma = gamma;
    }

    @Option(names = "--horizon", paramLabel = "T", defaultValue = DEFAULT_HORIZON,
            converter = NumberArguments.WholeNumber.class,
            description = "Number of moves T, 1 <= T <= " + MAX_HORIZON + " (values sum over t < T), or 0: the "
                    + "infinite horizon, except in 'opshape bias', whose sampled estimators need finite rollouts and "
                    + "take 0 to mean T = "
                    + SampledEstimatorSpec.DEFAULT_HORIZON + ". Default: ${DEFAULT-VALUE}.")
    void setHorizon(int horizon) {
        if (horizon < 0) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--horizon': " + horizon
                    + " is negative; give a number of moves >= 1, or 0 for an infinite horizon");
        }
        if (horizon > MAX_HORIZON) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--horizon': " + horizon
                    + " is too large; give at most " + MAX_HORIZON + " moves, or 0 for an infinite horizon");
        }
        this.horizon = horizon;
    }

    /** The stage game. */
    public MatrixGame game() {
        return game;
    }

    /** The iterated game: stage game, discount and horizon (0 = infinite). */
    public IteratedGame iteratedGame() {
        return iteratedGame(IteratedGame.INFINITE);
    }

    /**
     * The iterated game, with {@code --horizon 0} read as {@code horizonForZero} moves (a command whose sampled
     * estimators need finite rollouts passes its own default; {@link IteratedGame#INFINITE} keeps 0 infinite).
     *
     * @throws ParameterException for gamma = 1 with an infinite horizon: the undiscounted sum diverges
     */
    public IteratedGame iteratedGame(int horizonForZero) {
        int moves = horizon == IteratedGame.INFINITE ? horizonForZero : horizon;
        if (moves == IteratedGame.INFINITE && gamma == 1) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--gamma': 1.0 needs a "
                    + "finite --horizon (the undiscounted sum over infinitely many moves diverges); give --horizon T "
                    + "with 1 <= T <= " + MAX_HORIZON + ", or gamma < 1");
        }
        return new IteratedGame(game, gamma, moves);
    }
}
