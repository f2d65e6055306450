package dev.opshape.shaping.learner;

/**
 * The stream index of every random draw of a learning run, packed into 64 bits so that the pair (master seed,
 * stream index) keys a Philox stream and results never depend on thread count or scheduling.
 *
 * <p>Layout, most significant first: run, low 16 bits | update (24 bits) | agent (1 bit) | part (3 bits) |
 * run, high 6 bits | step (14 bits). The run index thus has 22 bits ({@link #MAX_RUN} + 1 = 4,194,304 runs) and the
 * step 14 (16,384 steps, above the largest lookahead K of 10,000). Runs below 65,536 put 0 in the high run bits,
 * exactly where earlier versions kept the (then 20-bit) step's top bits, which no step ever set: every stream of
 * those versions is unchanged. Distinct tuples give distinct indices; out-of-range fields are rejected.
 */
public final class StreamIndex {

    /** The largest run index. */
    public static final int MAX_RUN = (1 << 22) - 1;
    /** The largest step. */
    public static final int MAX_STEP = (1 << 14) - 1;

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
        AUXILIARY,
        /** The batches that pre-fill an empty replay buffer before its first estimate. */
        PREFILL
    }

    private StreamIndex() {
    }

    /**
     * @param run    0 .. {@link #MAX_RUN} (4,194,303)
     * @param update 0 .. 16,777,215
     * @param agent  0 or 1
     * @param part   the part of the computation
     * @param step   0 .. {@link #MAX_STEP} (16,383; for example the lookahead step)
     */
    public static long of(int run, int update, int agent, Part part, int step) {
        check("run", run, MAX_RUN + 1);
        check("update", update, 1 << 24);
        check("agent", agent, 2);
        check("step", step, MAX_STEP + 1);
        long low = run & 0xFFFF;
        long high = run >>> 16;
        return (low << 48) | ((long) update << 24) | ((long) agent << 23) | ((long) part.ordinal() << 20)
                | (high << 14) | step;
    }

    private static void check(String name, int value, int bound) {
        if (value < 0 || value >= bound) {
            throw new IllegalArgumentException(name + " = " + value + "; must be in [0, " + bound + ")");
        }
    }
}
