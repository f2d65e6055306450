package dev.opshape.cli.option;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options of the long, random runs ({@code train}, {@code tournament}, {@code bias}): {@code --seed},
 * {@code --threads} and {@code --quiet}. Mix it in with {@code @Mixin RunOptions run;}.
 */
public final class RunOptions {

    /** Default {@code --seed}. */
    public static final String DEFAULT_SEED = "0";

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = DEFAULT_SEED,
            converter = NumberArguments.Seed.class,
            description = "Master seed of every random stream; the same seed gives the same results, whatever the "
                    + "number of threads. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr (it is drawn only when stderr is "
            + "a terminal).")
    private boolean quiet;

    @Option(names = "--threads", paramLabel = "N", converter = NumberArguments.WholeNumber.class,
            description = "Worker threads (results do not depend on it); more than the processors is clamped to "
                    + "their number. Default: the number of processors.")
    void setThreads(int threads) {
        if (threads < 1) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--threads': " + threads
                    + " is not >= 1");
        }
        this.threads = threads;
    }

    /**
     * The number of worker threads: --threads, at most the number of processors (more would only add OS threads:
     * results do not depend on it), or the number of processors.
     */
    public int threads() {
        int processors = Runtime.getRuntime().availableProcessors();
        return threads != null ? Math.min(threads, processors) : processors;
    }


    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** Whether {@code --quiet} was given. */
    public boolean quiet() {
        return quiet;
    }
}
