package dev.opshape.cli.output;

import dev.opshape.shaping.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A progress bar on stderr for long runs (me.tongfei:progressbar), or nothing: {@link #open} decides. Workers
 * report through {@link ProgressListener}; close it when the run ends (try-with-resources), so that the bar is
 * finished before the report is printed.
 *
 * <p>It is drawn when stderr is a terminal ({@link StderrTerminal}: also when stdout is redirected, never into a
 * {@code 2> log} file or a pipe) and {@code --quiet} was not given. It stays on one line: each redraw returns to
 * the start of the line and is one column narrower than the terminal (a line as wide as the terminal would wrap,
 * and every redraw would then leave a copy of itself above), identical redraws are skipped, and closing prints the
 * final state once and ends the line.
 */
public final class ProgressDisplay implements ProgressListener, AutoCloseable {

    private static final int UPDATE_MILLIS = 250;

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A display of {@code total} units, drawn on stderr unless {@code quiet} or stderr is not a terminal, silent
     * otherwise.
     *
     * @param quiet whether {@code --quiet} was given
     * @param task  what runs, shown first, for example {@code tournament}
     * @param total how many units the whole run has
     * @param unit  what is counted, in the plural, for example {@code updates}: the bar reads
     *              {@code 1200/5000 updates}
     */
    public static ProgressDisplay open(boolean quiet, String task, long total, String unit) {
        Optional<Path> terminal = quiet ? Optional.empty() : StderrTerminal.device();
        if (terminal.isEmpty()) {
            return new ProgressDisplay(null);
        }
        return drawn(System.err, StderrTerminal.columns(terminal.get()), task, total, unit);
    }

    /** A display drawn on {@code out}, a terminal {@code columns} wide (for tests: any stream). */
    static ProgressDisplay drawn(PrintStream out, int columns, String task, long total, String unit) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(UPDATE_MILLIS)
                .setConsumer(new TerminalLine(out, columns))
                .build();
        return new ProgressDisplay(bar);
    }

    @Override
    public void advanced(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Draws the bar on one terminal line, redrawn in place with a carriage return. */
    private static final class TerminalLine implements ProgressBarConsumer {

        private final PrintStream out;
        private final int width;
        private String last = "";

        TerminalLine(PrintStream out, int columns) {
            this.out = out;
            this.width = Math.max(columns - 1, 1);
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public synchronized void accept(String rendered) {
            String line = rendered.length() > width ? rendered.substring(0, width) : rendered;
            if (line.equals(last)) {
                return;
            }
            // Blanks over what a longer previous line left behind.
            String blanks = " ".repeat(Math.max(last.length() - line.length(), 0));
            out.print("\r" + line + blanks);
            out.flush();
            last = line;
        }

        @Override
        public synchronized void clear() {
            out.print("\r" + " ".repeat(last.length()) + "\r");
            out.flush();
            last = "";
        }

        @Override
        public synchronized void close() {
            out.println();
            out.flush();
        }
    }
}
