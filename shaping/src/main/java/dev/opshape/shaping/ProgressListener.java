package dev.opshape.shaping;

/**
 * Receives progress from long computations (training runs, tournaments, bias studies) so that a front end can show
 * it; the computations themselves never print. Implementations must be thread-safe: workers report concurrently.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = units -> { };

    /** {@code units} more units of work are done (the total is announced by whoever starts the work). */
    void advanced(long units);
}
