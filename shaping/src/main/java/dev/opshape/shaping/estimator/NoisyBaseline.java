package dev.opshape.shaping.estimator;

import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.sample.PhiloxStream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The {@link BaselineKind#NOISY noisy} state baseline: the exact state values plus a Gaussian error per player and
 * state, b_i(s, h) = V_i(s, h) + noise * z_{i,s} * |V_i(., T)|_2 / S, where V_i(s, h) is the value with h moves to
 * go, T the trajectories' length and S the number of states. This is the seed paper's tabular setting (its code adds
 * {@code randn(S) * noise * norm(V) / S} to the exact values once per batch); noise 1 is its default.
 *
 * <p>The errors z are drawn once per {@link #draw}, from the Philox stream (seed, stream) at trajectory index
 * 2^64 - 1, a counter range no batch reaches, so they are independent of the trajectories drawn from the same
 * (seed, stream) and do not shift when the batch size changes. Player 0's S values come first. A revisit at other
 * logits keeps the errors and rescales them with the new values. Allocation happens in the constructor only.
 */
final class NoisyBaseline implements StateBaseline {

    /** The trajectory index of the errors' counter range: the last one, beyond every batch. */
    private static final long ERROR_TRAJECTORY = -1L;

    private final ExactEvaluator exact;
    private final double noise;
    private final int horizon;
    private final double[][] error;
    private final double[] scale;
    private final PhiloxStream random = new PhiloxStream();
    private final ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);

    /**
     * @param exact   the evaluator of the problem (its point is set by the caller before {@link #draw} and
     *                {@link #rescale})
     * @param horizon T, the moves of a trajectory
     * @param noise   the error's scale, finite and &gt;= 0
     */
    NoisyBaseline(ExactEvaluator exact, int horizon, double noise) {
        this.exact = exact;
        this.horizon = horizon;
        this.noise = noise;
        int players = exact.problem().model().numPlayers();
        this.error = new double[players][exact.problem().model().numStates()];
        this.scale = new double[players];
    }

    /** Draws fresh errors for a batch and scales them with the evaluator's current values. */
    void draw(long seed, long stream) {
        random.reset(seed, stream, ERROR_TRAJECTORY);
        for (double[] e : error) {
            for (int s = 0; s < e.length; s++) {
                e[s] = gaussian.sample();
            }
        }
        rescale();
    }

    /** Recomputes the errors' scale from the evaluator's current values (after it moved to other logits). */
    void rescale() {
        for (int i = 0; i < error.length; i++) {
            int states = error[i].length;
            double squares = 0.0;
            for (int s = 0; s < states; s++) {
                double v = exact.stateValue(i, s, horizon);
                squares += v * v;
            }
            scale[i] = noise * Math.sqrt(squares) / states;
        }
    }

    @Override
    public double value(int player, int state, int movesLeft) {
        return exact.stateValue(player, state, movesLeft) + scale[player] * error[player][state];
    }
}
