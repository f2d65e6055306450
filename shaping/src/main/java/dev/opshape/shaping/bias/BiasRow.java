package dev.opshape.shaping.bias;

/**
 * The result for one configuration at one point.
 *
 * @param configuration index into the study's configurations
 * @param point         index into the study's points
 * @param bias          the statistics
 * @param effectiveSampleSize the mean over the estimates of the effective sample size of the replay buffer's
 *                      importance weights in the last lookahead step; NaN when the configuration replays nothing
 */
public record BiasRow(int configuration, int point, EstimatorBias bias, double effectiveSampleSize) {

    /** A row of a configuration that replays nothing. */
    public BiasRow(int configuration, int point, EstimatorBias bias) {
        this(configuration, point, bias, Double.NaN);
    }
}
