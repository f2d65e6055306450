package dev.opshape.shaping.learner;

/**
 * One agent's learning rule bound to a game: computes the agent's update direction (gradient-ascent sense, over its
 * own logits) at a joint point. Both agents' directions are computed from the same point and applied
 * simultaneously by the training loop. A learner owns its workspaces: not thread-safe, one per run and agent.
 */
public interface Learner {

    /** 0 for agent 1, 1 for agent 2. */
    int agent();

    /** False for a fixed strategy, whose parameters never change. */
    boolean learns();

    /**
     * Writes the update direction over this agent's own logits into {@code out} (length of its logit block,
     * overwritten). theta, the joint vector of both agents' logits (agent 1's block first), is read only.
     *
     * @param key identifies the run and update for the random streams of sampled estimators
     */
    void direction(double[] theta, UpdateKey key, double[] out);

    /**
     * Forgets state carried between directions (replay buffers, learned baselines of sampled estimators), so that
     * the next direction is statistically independent of the earlier ones. Bias studies call it before every
     * estimate; training never does (reuse across updates is the point of a replay buffer).
     */
    default void reset() {
    }

    /**
     * Called by the training loop once both learners of a pairing exist, before the first direction: a learner whose
     * estimators share state with the opponent's (the seed paper's replay buffer shared by both agents) links it
     * here. The default shares nothing.
     */
    default void pairWith(Learner opponent) {
    }

    /**
     * Gives the joint points a training run would have visited before the next direction's point (oldest first, read
     * only, kept): a learner whose replay buffer is pre-filled ({@code prefill=P}) draws one pre-fill batch at each of
     * the last P of them (the earliest repeated if there are fewer) instead of P at the first point. Bias studies use
     * it to model the buffer of a training run at a fixed point. The default ignores it.
     */
    default void warmStart(double[][] history) {
    }

    /**
     * The effective sample size of the importance weights behind the last direction's last lookahead estimate (see
     * {@link dev.opshape.shaping.estimator.GradientEstimator#effectiveSampleSize}), or NaN if the learner replays no
     * samples.
     */
    default double effectiveSampleSize() {
        return Double.NaN;
    }
}
