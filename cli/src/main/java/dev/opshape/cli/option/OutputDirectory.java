package dev.opshape.cli.option;

import dev.opshape.cli.output.OutputPathException;
import dev.opshape.cli.output.OutputTarget;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory option such as {@code --csv DIR} or {@code --plot DIR}, checked and created before any work starts:
 * an existing directory (or a link to one), or a new one in an existing directory. The files the command will write
 * into it are checked as well if they exist already (a directory or a device of that name is refused, see
 * {@link OutputTarget}).
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * The directory, created if needed.
     *
     * @param command the running command (for the error message)
     * @param option  the option's name, for example {@code --plot}
     * @param dir     the path given
     * @param files   the names of the files the command will write into it
     * @return {@code dir}
     * @throws ParameterException (bad input) naming the option, if the path or one of the files cannot be used
     * @throws IOException        if the directory cannot be created although its parent is a writable directory
     */
    public static Path prepare(CommandLine command, String option, Path dir, String... files) throws IOException {
        try {
            OutputTarget.directory(dir);
            if (Files.isDirectory(dir)) {
                for (String file : files) {
                    OutputTarget.file(dir.resolve(file));
                }
            }
        } catch (OutputPathException e) {
            throw new ParameterException(command, "Invalid value for option '" + option + "': " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            // The JDK's message is only the path; say what failed and why.
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new IOException("cannot create directory '" + dir + "' for " + option + ": " + reason, e);
        }
        return dir;
    }
}
