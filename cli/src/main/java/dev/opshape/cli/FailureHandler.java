package dev.opshape.cli;

import dev.opshape.cli.output.OutputPathException;
import dev.opshape.shaping.training.TrainingDivergedException;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.InvalidSpecException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place that turns a failure into an exit status and a message (README "Exit status and errors"): every
 * error is exactly one line on stderr, prefixed with the command (for example {@code opshape exact: }), never a
 * stack trace.
 *
 * <ul>
 *   <li>bad input, exit {@link ExitCode#BAD_INPUT}: picocli's parse errors (unknown option or subcommand, a value
 *       a converter rejected, a missing value), {@link ParameterException}s thrown by a command once it knows
 *       enough to check a value (for example a logit vector's length, which depends on the game), and
 *       {@link InvalidModelException}s from the models and games, and {@link InvalidSpecException}s from the
 *       catalogs, whose messages are already user-ready, and {@link OutputPathException}s (an output path
 *       found unusable when it is written);</li>
 *   <li>a learning run that diverged ({@link TrainingDivergedException}), exit {@link ExitCode#RUN_FAILED}, with
 *       its message (which run, update and agent);</li>
 *   <li>output that cannot be written although its path was accepted (a full disk, a closed standard output),
 *       exit {@link ExitCode#INTERNAL}, with the I/O message;</li>
 *   <li>anything else is a bug: exit {@link ExitCode#INTERNAL} with the exception's class and message. Set the
 *       environment variable {@value #DEBUG_VARIABLE} to any non-empty value to also get the stack trace.</li>
 * </ul>
 * Subcommands therefore never catch to print: they throw, and this class reports.
 */
public final class FailureHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Environment variable that adds stack traces to internal errors, for developers. */
    public static final String DEBUG_VARIABLE = "OPSHAPE_DEBUG";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            message = describeUnmatched(unmatched, command);
        }
        report(command, message, null);
        return ExitCode.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine command, ParseResult parseResult) {
        // An I/O failure from a lambda or listener that may not throw IOException travels unchecked.
        Exception ex = thrown instanceof UncheckedIOException unchecked ? unchecked.getCause() : thrown;
        if (ex instanceof InvalidModelException || ex instanceof InvalidSpecException
                || ex instanceof TypeConversionException || ex instanceof OutputPathException) {
            report(command, ex.getMessage(), null);
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof TrainingDivergedException || ex instanceof NonFiniteResultException) {
            report(command, ex.getMessage(), null);
            return ExitCode.RUN_FAILED;
        }
        if (ex instanceof IOException) {
            report(command, "I/O error: " + ex.getMessage(), ex);
            return ExitCode.INTERNAL;
        }
        report(command, "internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + " (please report this)", ex);
        return ExitCode.INTERNAL;
    }

    /** "Unknown option: '--gama'" plus what was probably meant, or where the allowed names are listed. */
    private static String describeUnmatched(UnmatchedArgumentException ex, CommandLine command) {
        String message = ex.getMessage();
        List<String> suggestions = ex.getSuggestions();
        String help = "'" + command.getCommandSpec().qualifiedName() + " --help'";
        if (!suggestions.isEmpty()) {
            return message + "; did you mean " + String.join(" or ", suggestions) + "? (see " + help + ")";
        }
        if (!command.getSubcommands().isEmpty() && !ex.isUnknownOption()) {
            return message + "; allowed subcommands: " + String.join(", ", command.getSubcommands().keySet())
                    + " (see " + help + ")";
        }
        return message + "; see " + help + " for the allowed options";
    }

    private static void report(CommandLine command, String message, Throwable trace) {
        PrintWriter err = command.getErr();
        String text = message == null ? "unknown error" : message;
        // One line, whatever a library put into the message.
        err.println(command.getCommandSpec().qualifiedName() + ": " + text.strip().replaceAll("\\s*\\R\\s*", " "));
        String debug = System.getenv(DEBUG_VARIABLE);
        if (trace != null && debug != null && !debug.isEmpty()) {
            trace.printStackTrace(err);
        }
        err.flush();
    }
}
