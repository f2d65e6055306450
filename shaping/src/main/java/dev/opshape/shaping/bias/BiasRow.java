package dev.opshape.shaping.bias;

/**
 * The result for one configuration at one point.
 *
 * @param configuration index into the study's configurations
 * @param point         index into the study's points
 * @param bias          the statistics
 * @param effectiveSampleSize the mean over the estimates of the effective sample size of the replay buffer's
 *                      importance weights in the last lookahead step; NaN when the configuration replays nothing
 * @param theory        the compositional bias's bound and prediction at the point, or null when not asked for or
 *                      not defined (K = 0, a replayed lookahead)
 */
public record BiasRow(int configuration, int point, EstimatorBias bias, double effectiveSampleSize,
                      CompositionalTheory.Theory theory) {

    /** A row of a configuration that replays nothing, without theory. */
    public BiasRow(int configuration, int point, EstimatorBias bias) {
        this(configuration, point, bias, Double.NaN, null);
    }
}
