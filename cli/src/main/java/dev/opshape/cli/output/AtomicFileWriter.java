package dev.opshape.cli.output;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes every output file (CSV, plots) so that a reader never sees a half-written file and an interrupted run
 * never destroys the previous one. The path is checked first ({@link OutputTarget}: only regular files are ever
 * replaced); then the content goes to a temporary file beside the target (same directory, so the final rename is
 * atomic), is forced to disk, and replaces the target in one move.
 *
 * <ul>
 *   <li>A symbolic link is written through: the file it points to is replaced, the link stays.</li>
 *   <li>An existing file keeps its permission bits, and its owner and group where the user may set them (root,
 *       or a group the user belongs to); a new file gets the usual permissions from the umask (unlike
 *       {@link Files#createTempFile}, which would make it private). Extended attributes and ACLs are not copied,
 *       and a file with several hard links is replaced under this name only.</li>
 *   <li>A pipe is written into directly (opening it waits for a reader, as the shell's {@code >} does).</li>
 *   <li>The temporary is removed if the content fails, and by a shutdown hook if the JVM is stopped while it is
 *       written (Ctrl-C, {@code kill}), see {@link TemporaryFiles}.</li>
 * </ul>
 * Text is always UTF-8, whatever the locale.
 */
public final class AtomicFileWriter {

    /** Writes bytes, for example an image encoder's output. */
    @FunctionalInterface
    public interface ByteContent {
        /** Writes the content to {@code out}; need not flush or close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes UTF-8 text, for example a CSV printer's output. */
    @FunctionalInterface
    public interface TextContent {
        /**
         * Writes the content to {@code out}; need not close it. What is flushed reaches the file (the temporary,
         * or the pipe) at once, which is how streamed rows become visible while a run goes on.
         */
        void writeTo(Writer out) throws IOException;
    }

    private static final int TEMPORARY_ATTEMPTS = 10;

    private AtomicFileWriter() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @throws OutputPathException if the target cannot be written as a file (a directory, a device, a dangling
     *                             link, a missing directory, ...); nothing is written then
     * @throws IOException         naming the target, if the content or the move fails; the target is then unchanged
     */
    public static void writeBytes(Path target, ByteContent content) throws IOException {
        OutputTarget checked = OutputTarget.file(target);
        try {
            if (checked.kind() == OutputTarget.Kind.PIPE) {
                writeToPipe(checked.location(), content);
            } else {
                replace(checked, content);
            }
        } catch (OutputPathException e) {
            throw e;
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains(target.toString())) {
                throw new IOException("cannot write '" + target + "': " + OutputTarget.reason(e), e);
            }
            throw e;
        }
    }

    /** Replaces {@code target} with UTF-8 text. */
    public static void writeText(Path target, TextContent content) throws IOException {
        writeBytes(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** Replaces {@code target} with the given text (UTF-8). */
    public static void writeString(Path target, String text) throws IOException {
        writeText(target, out -> out.write(text));
    }

    private static void writeToPipe(Path pipe, ByteContent content) throws IOException {
        // WRITE alone: neither create nor truncate, just open the pipe that is there.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pipe, StandardOpenOption.WRITE))) {
            content.writeTo(out);
        }
    }

    private static void replace(OutputTarget target, ByteContent content) throws IOException {
        Path location = target.location();
        PosixFileAttributes previous = target.exists() ? posixAttributes(location) : null;
        Path temporary = null;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                Path candidate = location.resolveSibling("." + location.getFileName() + "."
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                // Registered before it exists, so that no signal can leave it behind.
                TemporaryFiles.register(candidate);
                try {
                    channel = createTemporary(candidate, previous);
                    temporary = candidate;
                } catch (FileAlreadyExistsException e) {
                    // Someone else's file: forget it, never delete it.
                    TemporaryFiles.release(candidate);
                    if (attempt + 1 >= TEMPORARY_ATTEMPTS) {
                        throw new IOException("no free temporary name in '" + location.getParent() + "'", e);
                    }
                } catch (IOException | RuntimeException e) {
                    TemporaryFiles.release(candidate);
                    throw e;
                }
            }
            try (FileChannel open = channel; OutputStream out = Channels.newOutputStream(open)) {
                if (previous != null) {
                    keepOwnerAndPermissions(temporary, previous);
                }
                content.writeTo(out);
                out.flush();
                open.force(true);
            }
            try {
                Files.move(temporary, location, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, location, StandardCopyOption.REPLACE_EXISTING);
            }
            TemporaryFiles.release(temporary);
            temporary = null;
        } catch (IOException | RuntimeException | Error e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                TemporaryFiles.release(temporary);
            }
            throw e;
        }
    }

    /**
     * Creates the temporary, with the previous file's permission bits where there is one (so that a private file's
     * new content is never readable by others, not even while it is written).
     */
    private static FileChannel createTemporary(Path candidate, PosixFileAttributes previous) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (previous == null) {
            return FileChannel.open(candidate, options);
        }
        FileAttribute<Set<PosixFilePermission>> permissions = PosixFilePermissions.asFileAttribute(
                previous.permissions());
        return FileChannel.open(candidate, options, permissions);
    }

    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** The umask may have cleared bits at creation: set them exactly; then the owner and group, if allowed. */
    private static void keepOwnerAndPermissions(Path temporary, PosixFileAttributes previous) throws IOException {
        Files.setPosixFilePermissions(temporary, previous.permissions());
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(previous.owner())) {
            try {
                view.setOwner(previous.owner());
            } catch (IOException e) {
                // Only root may give a file away; the new content then belongs to whoever wrote it.
            }
        }
        if (!now.group().equals(previous.group())) {
            try {
                view.setGroup(previous.group());
            } catch (IOException e) {
                // Allowed only for a group the user belongs to.
            }
        }
    }
}
