package dev.opshape.cli.output;

import dev.opshape.shaping.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long runs (me.tongfei:progressbar), or nothing: {@link #open} decides. Workers
 * report through {@link ProgressListener}; close it when the run ends (try-with-resources), so that the bar is
 * finished before the report is printed.
 */
public final class ProgressDisplay implements ProgressListener, AutoCloseable {

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A display of {@code total} units named {@code task}, drawn on stderr when {@code show} is true (see
     * RunOptions#showProgress: not with --quiet, not when stderr is not a terminal), otherwise silent.
     */
    public static ProgressDisplay open(boolean show, String task, long total) {
        if (!show) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
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
}
