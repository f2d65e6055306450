package dev.opshape.cli.output;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV files atomically with commons-csv: RFC 4180, then {@code #} comment lines that record what produced
 * the file (read them with a CSV reader's comment option, for example pandas' {@code comment='#'}), a header row,
 * and numbers in Java's shortest round-trip form.
 */
public final class CsvFiles {

    /** Produces the data rows. */
    @FunctionalInterface
    public interface Rows {
        /** Prints every row to {@code printer}. */
        void print(CSVPrinter printer) throws IOException;
    }

    /** Receives rows one at a time, while a long run produces them. */
    @FunctionalInterface
    public interface RowStream {
        /**
         * Writes one row and flushes it, so that it is in the file (or the pipe) when this returns.
         *
         * @throws UncheckedIOException if it cannot be written (unchecked, so that it can be called from a
         *                              listener that declares no exceptions)
         */
        void accept(Iterable<?> row);
    }

    /** Produces the data rows of a streamed file. */
    @FunctionalInterface
    public interface StreamedRows {
        /** Sends every row to {@code rows}. */
        void write(RowStream rows) throws IOException;
    }

    private CsvFiles() {
    }

    /**
     * Replaces {@code file} with the comment lines (each written after a {@code #}, for example the manifest:
     * version, command, seed), the header and the rows.
     */
    public static void write(Path file, List<String> comments, List<String> header, Rows rows) throws IOException {
        AtomicFileWriter.writeText(file, out -> {
            // Not closed here: the writer belongs to AtomicFileWriter, which closes it after forcing it to disk.
            CSVPrinter printer = new CSVPrinter(out, format(comments, header));
            rows.print(printer);
            printer.flush();
        });
    }

    /**
     * Like {@link #write}, for rows that arrive one at a time during a long run: each row is flushed as it is
     * written (into the hidden temporary beside {@code file}, or straight into a pipe), and {@code file} is
     * replaced only when {@code rows} returns normally.
     */
    public static void stream(Path file, List<String> comments, List<String> header, StreamedRows rows)
            throws IOException {
        AtomicFileWriter.writeText(file, out -> {
            CSVPrinter printer = new CSVPrinter(out, format(comments, header));
            printer.flush();
            try {
                rows.write(row -> {
                    try {
                        printer.printRecord(row);
                        printer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            printer.flush();
        });
    }

    private static CSVFormat format(List<String> comments, List<String> header) {
        return CSVFormat.RFC4180.builder()
                .setCommentMarker('#')
                .setHeaderComments(comments.toArray())
                .setHeader(header.toArray(String[]::new))
                .build();
    }
}
