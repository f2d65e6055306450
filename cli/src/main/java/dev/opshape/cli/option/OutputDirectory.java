package dev.opshape.cli.option;

import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A directory option such as {@code --csv DIR} or {@code --plot DIR}: created if missing (its parent must exist),
 * rejected as bad input if it names a file.
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * The directory, created if needed.
     *
     * @throws ParameterException (bad input) naming the option if the path is a file or its parent does not exist
     */
    public static Path prepare(CommandLine command, String option, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(command, "Invalid value for option '" + option + "': '" + dir
                    + "' exists and is not a directory");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ParameterException(command, "Invalid value for option '" + option + "': the parent "
                    + "directory of '" + dir + "' does not exist");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            // The JDK's message is only the path; say what failed and why.
            throw new IOException("cannot create directory '" + dir + "' for " + option + ": " + reason(e), e);
        }
        return dir;
    }

    /** Why a file-system operation failed, in words. */
    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getClass().getSimpleName();
    }
}
