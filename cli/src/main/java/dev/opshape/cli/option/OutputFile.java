package dev.opshape.cli.option;

import dev.opshape.cli.output.OutputPathException;
import dev.opshape.cli.output.OutputTarget;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.nio.file.Path;

/**
 * A file option such as {@code --csv FILE} or {@code --plot FILE}, checked before any work starts, so that a path
 * that cannot be written (a directory, a device, a dangling link, a missing directory; see {@link OutputTarget})
 * is bad input reported at once, not a failure at the end of a long run. Nothing is created here.
 */
public final class OutputFile {

    private OutputFile() {
    }

    /**
     * Checks the path given for {@code option}.
     *
     * @param command the running command (for the error message)
     * @param option  the option's name, for example {@code --csv}
     * @param file    the path given, or null if the option was not given (then nothing is checked)
     * @return {@code file}
     * @throws ParameterException (bad input) naming the option, the path and what is allowed
     */
    public static Path prepare(CommandLine command, String option, Path file) {
        if (file != null) {
            try {
                OutputTarget.file(file);
            } catch (OutputPathException e) {
                throw new ParameterException(command, "Invalid value for option '" + option + "': "
                        + e.getMessage());
            }
        }
        return file;
    }
}
