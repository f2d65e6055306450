package dev.opshape.cli.output;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
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
        /** Prints the rows (after the header) into the printer. */
        void print(CSVPrinter printer) throws IOException;
    }

    private CsvFiles() {
    }

    /**
     * Replaces {@code file} with the comment lines (each written after a {@code #}, for example the manifest:
     * version, command, seed), the header and the rows.
     */
    public static void write(Path file, List<String> comments, List<String> header, Rows rows) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setCommentMarker('#')
                .setHeaderComments(comments.toArray())
                .setHeader(header.toArray(String[]::new))
                .build();
        AtomicFileWriter.writeText(file, out -> {
            // Not closed here: the writer belongs to AtomicFileWriter, which closes it after forcing it to disk.
            CSVPrinter printer = new CSVPrinter(out, format);
            rows.print(printer);
            printer.flush();
        });
    }
}
