package dev.opshape.shaping.learner;

/**
 * The stream index of every random draw of a learning run, packed into 64 bits so that the pair (master seed,
 * stream index) keys a Philox stream and results never depend on thread count or scheduling.
 *
 * <p>Layout, most significant first: run (16 bits) | update (24 bits) | agent (1 bit) | part (3 bits) |
 * step (20 bits). Distinct tuples give distinct indices; out-of-range fields are rejected.
 */
public final class StreamIndex {

    /** Which part of a computation a stream feeds. */
    public enum Part {
        /** Initial logits of a run. */
        INIT,
        /** First-order steps of the opponent lookahead (their error is the compositional bias). */
        INNER,
        /** Second-order products of the lookahead's backward pass (the multi-step Hessian bias). */
        HESSIAN,
        /** The outer gradient at the looked-ahead point. */
        OUTER,
        /** Anything else a learner draws (for example a baseline fit or an evaluation rollout). */
        AUXILIARY
    }

    private StreamIndex() {
    }

    /**
     * @param run    0 .. 65535
     * @param update 0 .. 16,777,215
     * @param agent  0 or 1
     * @param part   the part of the computation
     * @param step   0 .. 1,048,575 (for example the lookahead step)
     */
    public static long of(int run, int update, int agent, Part part, int step) {
        check("run", run, 1 << 16);
        check("update", update, 1 << 24);
        check("agent", agent, 2);
        check("step", step, 1 << 20);
        return ((long) run << 48) | ((long) update << 24) | ((long) agent << 23) | ((long) part.ordinal() << 20)
                | step;
    }

    private static void check(String name, int value, int bound) {
        if (value < 0 || value >= bound) {
            throw new IllegalArgumentException(name + " = " + value + "; must be in [0, " + bound + ")");
        }
    }
}
