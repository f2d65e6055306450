package dev.opshape.cli.option;

import picocli.CommandLine.Option;

/**
 * Options of the long, random runs ({@code train}, {@code tournament}, {@code bias}): {@code --seed} and
 * {@code --quiet}. Mix it in with {@code @Mixin RunOptions run;}.
 */
public final class RunOptions {

    /** Default {@code --seed}. */
    public static final String DEFAULT_SEED = "0";

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = DEFAULT_SEED,
            description = "Master seed of every random stream; the same seed gives the same results, whatever the "
                    + "number of threads. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr (it is also off when stderr is not "
            + "a terminal).")
    private boolean quiet;

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** Whether {@code --quiet} was given. */
    public boolean quiet() {
        return quiet;
    }

    /**
     * Whether to draw a progress bar on stderr: not with {@code --quiet}, and only on a terminal, so that logs and
     * pipes never fill with redraws.
     */
    public boolean showProgress() {
        return !quiet && System.console() != null;
    }
}
