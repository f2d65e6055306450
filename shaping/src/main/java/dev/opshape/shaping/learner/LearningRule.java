package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;

/**
 * A learning rule (NL, LOLA, LOLA-K, LookAhead, SOS, a fixed strategy, ...): an immutable, thread-safe description
 * that makes per-run {@link Learner}s.
 */
public interface LearningRule {

    /** A learner for the given agent (0 or 1) of the game, with fresh workspaces. */
    Learner newLearner(IteratedGame game, int agent);

    /** False for a fixed strategy. */
    default boolean learns() {
        return true;
    }

    /**
     * The logits this agent must start from, or null if any initialisation will do (learners). Fixed strategies
     * return their own logits.
     */
    default double[] fixedLogits(IteratedGame game, int agent) {
        return null;
    }

    /**
     * The same rule with every estimated part exact (itself if nothing is sampled): what its directions estimate.
     * Training compares the two at every update when asked to.
     */
    default LearningRule exactCounterpart() {
        return this;
    }

    /**
     * About how many bytes one learner of this rule holds in the game (its sampled estimators' workspaces; 0 for
     * exact rules), for the commands' memory checks before work starts.
     */
    default long estimatedBytes(IteratedGame game) {
        return 0;
    }

    /**
     * True if its learners replay samples from a buffer (their {@link Learner#effectiveSampleSize} is a number), so
     * that training records the effective sample size of every update.
     */
    default boolean replaysSamples() {
        return false;
    }

    /** A short description with every parameter, for example {@code lola(k=2, eta=1, exact)}. */
    String describe();
}
