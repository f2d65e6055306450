package dev.opshape.cli;

import dev.opshape.cli.command.BiasCommand;
import dev.opshape.cli.command.CurvesCommand;
import dev.opshape.cli.command.EvolveCommand;
import dev.opshape.cli.command.ExactCommand;
import dev.opshape.cli.command.GamesCommand;
import dev.opshape.cli.command.MergeCommand;
import dev.opshape.cli.command.SlurmCommand;
import dev.opshape.cli.command.MetaBiasCommand;
import dev.opshape.cli.command.TournamentCommand;
import dev.opshape.cli.command.TrainCommand;
import dev.opshape.cli.option.CatalogHelp;
import dev.opshape.cli.output.CheckedPrintWriter;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.estimator.EstimatorCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code opshape} command: the entry point of {@code cli/target/opshape.jar}.
 *
 * <p>Adding a subcommand: write a {@code @Command} class in {@code dev.opshape.cli.command} that implements
 * {@code Callable<Integer>}, mixes in the shared options it needs ({@code GameOptions}, {@code OutputOptions},
 * {@code RunOptions}), prints through {@code OutputOptions#print} and throws on failure (never catches to print; see
 * {@link FailureHandler}); then list it in {@code subcommands} below.
 */
@Command(name = "opshape",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = {
            "Opponent shaping in iterated matrix games: exact values, gradients and Hessian-vector products of "
                    + "memory-1 policies.",
            "Run 'opshape COMMAND --help' for a command's options and defaults."
        },
        subcommands = {GamesCommand.class, ExactCommand.class, TrainCommand.class, TournamentCommand.class,
            EvolveCommand.class, MergeCommand.class, SlurmCommand.class, CurvesCommand.class,
            BiasCommand.class, MetaBiasCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:internal error, or output that could not be written (full disk, closed pipe; one line on stderr)",
            "2:bad input: unknown game, strategy or option, malformed number, value out of range, unreadable or "
                    + "malformed game file, unusable output path (one line on stderr)",
            "3:a learning run diverged to NaN or infinity (one line on stderr naming run, update and agent), or "
                    + "finite inputs gave a NaN or infinite result (naming the quantity)",
            "130, 143:stopped by Ctrl-C (SIGINT) or kill (SIGTERM); no output file was changed"
        })
public final class Opshape implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command; allowed: "
                + String.join(", ", spec.subcommands().keySet()) + " (see 'opshape --help')");
    }

    /**
     * A fully configured command line: the subcommands, and the {@link FailureHandler} for every error. Tests use
     * it with {@link CommandLine#setOut} and {@link CommandLine#setErr} to capture the output.
     */
    public static CommandLine commandLine() {
        FailureHandler failures = new FailureHandler();
        CommandLine line = new CommandLine(new Opshape())
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures)
                // "--theta1 -1,0,0,0,0": a value that starts with '-' is a value, not an unknown option.
                .setUnmatchedOptionsAllowedAsOptionParameters(true);
        // The agents and estimators, with their keys, as the catalogs define them.
        Set<String> estimatorKeys = Set.of("est", "batch", "horizon", "baseline");
        String[] agents = CatalogHelp.footer("Agents", AgentCatalog.catalog(), estimatorKeys);
        for (String name : List.of("train", "tournament")) {
            line.getSubcommands().get(name).getCommandSpec().usageMessage().footer(agents);
        }
        line.getSubcommands().get("bias").getCommandSpec().usageMessage().footer(
                CatalogHelp.footer("Estimators", EstimatorCatalog.catalog(), Set.of()));
        return line;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command on this process's standard streams, UTF-8 whatever the locale, and returns its exit status:
     * also 1 if anything printed to stdout (a report, the help, the version) could not be written.
     */
    static int run(String[] args) {
        CheckedPrintWriter out = CheckedPrintWriter.standardOutput();
        CheckedPrintWriter err = CheckedPrintWriter.standardError();
        // For whatever prints to System.out or System.err directly (the progress bar, libraries' warnings).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int status;
        try {
            status = commandLine().setOut(out).setErr(err).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli reports Exceptions through FailureHandler; an Error would end in a JVM stack trace.
            err.println("opshape: out of memory; try a smaller problem or a larger heap (JAVA_OPTS=-Xmx...)");
            return ExitCode.INTERNAL;
        }
        try {
            CheckedPrintWriter.verify(out, "to standard output");
        } catch (IOException e) {
            if (status == ExitCode.OK) {
                err.println("opshape: " + e.getMessage());
                status = ExitCode.INTERNAL;
            }
        }
        err.flush();
        return status;
    }
}
