package dev.opshape.cli.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where an output file or directory goes, checked before anything is written, so that opshape never replaces what
 * is not a regular file and reports an unusable path as bad input (one line naming the path and what is allowed)
 * rather than failing at the end of a long run.
 *
 * <p>The rules for a file ({@link #file}):
 * <ul>
 *   <li>a regular file, or a symbolic link to one, is replaced as a whole (the link stays a link and the file it
 *       points to is replaced), if it is writable and so is its directory;</li>
 *   <li>a path that does not exist is created, if its directory exists and is writable;</li>
 *   <li>a pipe (a FIFO made with {@code mkfifo}, or {@code /dev/fd/N} from the shell's {@code >(...)}) is written
 *       into directly, since a pipe cannot be replaced and its reader sees a stream anyway;</li>
 *   <li>everything else is rejected: the empty path, a directory (also {@code /}), a character or block device
 *       (a terminal, {@code /dev/null}), a socket, a symbolic link whose target does not exist (as {@code cp} does:
 *       the target's directory may be gone, and creating files where a link happens to point is a surprise), a path
 *       whose parent is missing or is a file, and a file that is this process's standard output or error (replacing
 *       it would send the report to a file that no longer has a name).</li>
 * </ul>
 * A directory ({@link #directory}) must be an existing writable directory (or a link to one), or a new name in an
 * existing writable directory; the file-system root is refused.
 */
public final class OutputTarget {

    /** How a file target is written. */
    public enum Kind {
        /** A regular file, existing or new: written to a temporary beside it and moved into place. */
        REGULAR_FILE,
        /** A named or anonymous pipe: written into directly. */
        PIPE
    }

    private static final String FILE_ALLOWED = "expected a regular file (replaced whole), a new file in an existing "
            + "directory, or a pipe";
    private static final String DIRECTORY_ALLOWED = "expected a directory, or a new one in an existing directory";

    // File types in st_mode (POSIX <sys/stat.h>).
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int DIRECTORY = 0040000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int REGULAR = 0100000;
    private static final int SOCKET = 0140000;

    private final Path location;
    private final Kind kind;
    private final boolean exists;

    private OutputTarget(Path location, Kind kind, boolean exists) {
        this.location = location;
        this.kind = kind;
        this.exists = exists;
    }

    /**
     * Checks a path given for an output file.
     *
     * @param path the path as the user gave it (relative paths are relative to the working directory)
     * @return where and how to write it
     * @throws OutputPathException if the path cannot be written as a file (see the class comment), with a message
     *                             naming the path and what is allowed
     */
    public static OutputTarget file(Path path) throws OutputPathException {
        if (path.toString().isEmpty()) {
            throw new OutputPathException("the path is empty; " + FILE_ALLOWED);
        }
        int type;
        try {
            type = typeOf(path);
        } catch (NoSuchFileException e) {
            rejectDanglingLink(path, FILE_ALLOWED);
            checkParent(path, FILE_ALLOWED);
            return new OutputTarget(path.toAbsolutePath(), Kind.REGULAR_FILE, false);
        } catch (IOException e) {
            // For example "Not a directory" when a component of the path is a file: say which.
            checkParent(path, FILE_ALLOWED);
            throw new OutputPathException(quote(path) + " cannot be examined (" + reason(e) + "); " + FILE_ALLOWED);
        }
        switch (type) {
            case REGULAR:
                return existingFile(path);
            case FIFO:
                return new OutputTarget(path, Kind.PIPE, true);
            default:
                throw new OutputPathException(quote(path) + " is " + describe(type) + "; " + FILE_ALLOWED);
        }
    }

    /**
     * Checks a path given for an output directory; the caller creates it if it does not exist.
     *
     * @return the path as given
     * @throws OutputPathException if it cannot be used as an output directory (see the class comment)
     */
    public static Path directory(Path path) throws OutputPathException {
        if (path.toString().isEmpty()) {
            throw new OutputPathException("the path is empty; " + DIRECTORY_ALLOWED);
        }
        int type;
        try {
            type = typeOf(path);
        } catch (NoSuchFileException e) {
            rejectDanglingLink(path, DIRECTORY_ALLOWED);
            checkParent(path, DIRECTORY_ALLOWED);
            return path;
        } catch (IOException e) {
            checkParent(path, DIRECTORY_ALLOWED);
            throw new OutputPathException(quote(path) + " cannot be examined (" + reason(e) + "); "
                    + DIRECTORY_ALLOWED);
        }
        if (type != DIRECTORY) {
            throw new OutputPathException(quote(path) + " exists and is " + describe(type) + "; "
                    + DIRECTORY_ALLOWED);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new OutputPathException(quote(path) + " cannot be resolved (" + reason(e) + "); "
                    + DIRECTORY_ALLOWED);
        }
        if (real.getParent() == null) {
            throw new OutputPathException(quote(path) + " is the file-system root; expected a directory of its own");
        }
        if (!Files.isWritable(real)) {
            throw new OutputPathException("directory " + quote(path) + " is not writable; " + DIRECTORY_ALLOWED);
        }
        return path;
    }

    /**
     * The file to write: for a regular file the absolute path with symbolic links resolved (so that the temporary
     * lives beside it and the rename replaces it, not the link); for a pipe the path as given.
     */
    public Path location() {
        return location;
    }

    /** How it is written. */
    public Kind kind() {
        return kind;
    }

    /** Whether the file exists already (so that its permissions and owner are kept). */
    public boolean exists() {
        return exists;
    }

    private static OutputTarget existingFile(Path path) throws OutputPathException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new OutputPathException(quote(path) + " cannot be resolved (" + reason(e) + "); " + FILE_ALLOWED);
        }
        if (!Files.isWritable(real)) {
            throw new OutputPathException(quote(path) + " is not writable; " + FILE_ALLOWED);
        }
        Path directory = real.getParent();
        if (!Files.isWritable(directory)) {
            throw new OutputPathException(quote(path) + " is in directory " + quote(directory) + ", which is not "
                    + "writable (the file is replaced by moving a new one into place); " + FILE_ALLOWED);
        }
        for (int fd = 1; fd <= 2; fd++) {
            if (isSameFile(real, Path.of("/proc/self/fd/" + fd))) {
                throw new OutputPathException(quote(path) + " is this command's standard "
                        + (fd == 1 ? "output" : "error") + "; write the file and the stream to different places");
            }
        }
        return new OutputTarget(real, Kind.REGULAR_FILE, true);
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A symbolic link whose target does not exist. */
    private static void rejectDanglingLink(Path path, String allowed) throws OutputPathException {
        if (!Files.isSymbolicLink(path)) {
            return;
        }
        String target;
        try {
            target = quote(Files.readSymbolicLink(path));
        } catch (IOException e) {
            target = "a path";
        }
        throw new OutputPathException(quote(path) + " is a symbolic link to " + target + ", which does not exist; "
                + "create it or remove the link; " + allowed);
    }

    /** The path's parent must be an existing, writable directory; says what is wrong otherwise. */
    private static void checkParent(Path path, String allowed) throws OutputPathException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new OutputPathException(quote(path) + " cannot be created: " + quote(existing) + " is "
                    + describeExisting(existing) + ", not a directory; " + allowed);
        }
        if (existing != parent) {
            throw new OutputPathException(quote(path) + " cannot be created: directory " + quote(parent)
                    + " does not exist; " + allowed);
        }
        if (!Files.isWritable(parent)) {
            throw new OutputPathException(quote(path) + " cannot be created: directory " + quote(parent)
                    + " is not writable; " + allowed);
        }
    }

    /** The st_mode file type of the path, following symbolic links. */
    private static int typeOf(Path path) throws IOException {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode")) & TYPE_MASK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" attribute view (not Linux or macOS): regular files and directories are told apart, every
            // other kind of file is refused as "not a regular file".
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? REGULAR : attributes.isDirectory() ? DIRECTORY : 0;
        }
    }

    private static String describeExisting(Path path) {
        try {
            return describe(typeOf(path));
        } catch (IOException e) {
            return "not a directory";
        }
    }

    private static String describe(int type) {
        switch (type) {
            case REGULAR:
                return "a regular file";
            case DIRECTORY:
                return "a directory";
            case FIFO:
                return "a pipe";
            case CHARACTER_DEVICE:
                return "a character device (such as a terminal or /dev/null)";
            case BLOCK_DEVICE:
                return "a block device";
            case SOCKET:
                return "a socket";
            default:
                return "not a regular file";
        }
    }

    /** The path in quotes, as the user wrote it. */
    static String quote(Path path) {
        return "'" + path + "'";
    }

    /** Why a file-system operation failed, in words (the JDK's message is often only the path). */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
