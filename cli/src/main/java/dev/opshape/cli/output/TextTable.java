package dev.opshape.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row, columns as wide as their widest cell and two spaces between columns; text
 * columns are left-aligned, number columns right-aligned so that digits line up.
 *
 * <pre>{@code
 * TextTable table = new TextTable().left("state").right("p(C)");
 * table.row("start", "0.5");
 * table.print(out, "  ");
 * }</pre>
 */
public final class TextTable {

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a left-aligned (text) column. */
    public TextTable left(String header) {
        headers.add(header);
        rightAligned.add(false);
        return this;
    }

    /** Adds a right-aligned (number) column. */
    public TextTable right(String header) {
        headers.add(header);
        rightAligned.add(true);
        return this;
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Prints the header and the rows, each line starting with {@code indent}. */
    public void print(java.io.PrintWriter out, String indent) {
        for (String line : lines()) {
            out.println(indent + line);
        }
    }

    /** The header line followed by one line per row, without trailing spaces. */
    public List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers.toArray(String[]::new), widths));
        for (String[] row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(rightAligned.get(c) ? pad + cells[c] : cells[c] + pad);
        }
        return line.toString().stripTrailing();
    }
}
