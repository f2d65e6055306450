package dev.opshape.shaping.learner;

/**
 * Identifies one update of one training run for the random streams of sampled estimators: together with the
 * agent, the lookahead step and the part of the computation it determines the stream index (see
 * {@link StreamIndex}). Exact learners ignore it.
 *
 * @param seed   master seed of the experiment
 * @param run    run (or repetition) index, 0 .. 65535
 * @param update update index within the run, 0 .. 2^24 - 1
 */
public record UpdateKey(long seed, int run, int update) {
}
