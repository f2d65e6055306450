package dev.opshape.cli;

/**
 * The exit statuses of {@code opshape}, the same for every subcommand (README "Exit status and errors"). A run
 * stopped by a signal ends as the JVM ends it: 130 after Ctrl-C (SIGINT), 143 after {@code kill} (SIGTERM), with no
 * output file changed.
 */
public final class ExitCode {

    /** The command did what was asked (also for {@code --help} and {@code --version}). */
    public static final int OK = 0;

    /**
     * Something went wrong that the input does not explain: a bug, or output that could not be written although its
     * path was accepted (a full disk, standard output closed by its reader).
     */
    public static final int INTERNAL = 1;

    /**
     * The input was rejected (unknown game, strategy or option, malformed number, value out of range, unreadable
     * or malformed game file, an output path that cannot be written: a directory where a file is expected, a
     * device, a dangling link, a missing directory); stderr holds one line naming the bad value and what is
     * allowed.
     */
    public static final int BAD_INPUT = 2;

    /**
     * A computation could not finish: a learning run diverged (its logits or update became NaN or infinite; stderr
     * says which run, update and agent, and suggests a smaller step), or finite inputs gave a NaN or infinite
     * result (stderr names the quantity).
     */
    public static final int RUN_FAILED = 3;

    private ExitCode() {
    }
}
