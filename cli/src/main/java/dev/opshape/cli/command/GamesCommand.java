package dev.opshape.cli.command;

import dev.opshape.cli.option.GameArgument;
import dev.opshape.cli.option.OutputOptions;
import dev.opshape.cli.option.SeedOption;
import dev.opshape.cli.output.Manifest;
import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.tabular.InvalidModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code opshape games}: the built-in games (or the given ones) with their actions, both payoff matrices, source and
 * the dilemma conditions that hold. Giving a game file checks it and shows how it was read.
 */
@Command(name = "games",
        mixinStandardHelpOptions = true,
        description = {
            "List the built-in games, or show the given games: actions, both payoff matrices (rewards, higher is "
                    + "better; row = agent 1's action), description, source and the dilemma conditions that hold.",
            "With --json each game is written in the JSON game format, loadable with --game FILE."
        })
public final class GamesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    @Mixin
    private SeedOption seed;

    // Resolved in call(): picocli leaves a variable-arity positional that fails conversion "unmatched", which
    // would hide the reason (no such file, bad JSON) behind a generic message.
    @Parameters(paramLabel = "GAME", arity = "0..*",
            description = "Games to show: built-in names, JSON game files or inline JSON. Default: every built-in "
                    + "game.")
    private List<String> games;

    @Override
    public Integer call() {
        List<MatrixGame> shown = new ArrayList<>();
        for (String game : games == null ? List.<String>of() : games) {
            try {
                shown.add(GameArgument.resolve(game));
            } catch (InvalidModelException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for GAME: " + e.getMessage());
            }
        }
        output.print(GamesReport.of(Manifest.of(spec, GamesReport.SCHEMA), shown.isEmpty() ? BuiltInGames.all()
                : shown));
        return 0;
    }
}
