package dev.opshape.shaping.tournament;

/**
 * Receives the runs of a tournament one by one, in streaming order ({@link RunOutcome#sequence()} 0, 1, 2, ...),
 * whatever the number of threads: write them to a file or a table as they come, so a long tournament's memory stays
 * flat. Called on the thread that called {@link Tournament#run}, never concurrently, so implementations need not be
 * thread-safe. An exception thrown here stops the tournament and propagates to the caller.
 */
@FunctionalInterface
public interface TournamentListener {

    /** A listener that ignores runs. */
    TournamentListener NONE = run -> { };

    /** The next run in streaming order is done. */
    void runFinished(RunOutcome run);
}
