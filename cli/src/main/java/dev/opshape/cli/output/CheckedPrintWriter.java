package dev.opshape.cli.output;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 {@link PrintWriter} that remembers why writing failed. A PrintWriter never throws: it only sets a flag
 * ({@link #checkError}), so a report printed into a closed pipe ({@code | head -c1}) or onto a full device
 * ({@code > /dev/full}) would otherwise end with exit status 0 and nothing said. {@link #verify} turns that flag
 * into an exception with the system's reason ("Broken pipe", "No space left on device").
 *
 * <p>Encoding is UTF-8 whatever the locale or {@code file.encoding}: under {@code LC_ALL=C} Java 17 would
 * otherwise write every non-ASCII label as {@code ?}.
 */
public final class CheckedPrintWriter extends PrintWriter {

    private final FailureRecorder sink;

    private CheckedPrintWriter(FailureRecorder sink, boolean autoFlush) {
        super(new OutputStreamWriter(sink, StandardCharsets.UTF_8), autoFlush);
        this.sink = sink;
    }

    /** A writer onto {@code out}, flushed only when asked. */
    public static CheckedPrintWriter of(OutputStream out) {
        return new CheckedPrintWriter(new FailureRecorder(out), false);
    }

    /** This process's standard output (file descriptor 1), flushed when a report is complete. */
    public static CheckedPrintWriter standardOutput() {
        return of(new FileOutputStream(FileDescriptor.out));
    }

    /** This process's standard error (file descriptor 2), flushed at every line. */
    public static CheckedPrintWriter standardError() {
        return new CheckedPrintWriter(new FailureRecorder(new FileOutputStream(FileDescriptor.err)), true);
    }

    /**
     * Flushes {@code out} and throws if anything written to it so far could not be written.
     *
     * @param out         any PrintWriter; the reason is known if it is a {@code CheckedPrintWriter}
     * @param destination what was written where, for the message, for example {@code the report to standard output}
     * @throws IOException "cannot write DESTINATION: REASON"
     */
    public static void verify(PrintWriter out, String destination) throws IOException {
        if (!out.checkError()) {
            return;
        }
        IOException failure = out instanceof CheckedPrintWriter checked ? checked.sink.failure() : null;
        String reason = failure == null || failure.getMessage() == null ? "write error" : failure.getMessage();
        throw new IOException("cannot write " + destination + ": " + reason, failure);
    }

    /** Passes bytes on and keeps the first exception, which PrintWriter would drop. */
    private static final class FailureRecorder extends FilterOutputStream {

        private IOException failure;

        FailureRecorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        synchronized IOException failure() {
            return failure;
        }

        private synchronized IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
