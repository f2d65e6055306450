package dev.opshape.cli.output;

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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files (CSV, JSON, plots) so that a reader never sees a half-written file and an interrupted run
 * never destroys the previous one: the content goes to a temporary file in the target's directory (same file system,
 * so the final rename is atomic), is forced to disk, and then replaces the target in one move.
 *
 * <p>The temporary file is created like any new file (so it gets the usual permissions from the umask, unlike
 * {@link Files#createTempFile}, which would leave the result readable by its owner only) and is removed if writing
 * fails.
 */
public final class AtomicFileWriter {

    /** Writes bytes, for example an image encoder's output. */
    @FunctionalInterface
    public interface ByteContent {
        /** Writes the content into the (temporary) stream. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes UTF-8 text, for example a CSV printer's output. */
    @FunctionalInterface
    public interface TextContent {
        /** Writes the content into the (temporary) writer. */
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFileWriter() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @throws IOException naming the target, if the directory does not exist or is not writable, the content fails,
     *                     or the move fails; the target is then unchanged
     */
    public static void writeBytes(Path target, ByteContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("cannot write '" + target + "': directory " + directory + " does not exist");
        }
        Path temporary = createTemporary(directory, absolute.getFileName().toString(), target);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof IOException io && !String.valueOf(io.getMessage()).contains(target.toString())) {
                throw new IOException("cannot write '" + target + "': " + io, io);
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

    private static Path createTemporary(Path directory, String name, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve("." + name + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw new IOException("cannot write '" + target + "': no free temporary name in " + directory, e);
                }
            } catch (IOException e) {
                throw new IOException("cannot write '" + target + "': " + e, e);
            }
        }
    }
}
