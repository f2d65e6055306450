package dev.opshape.shaping.bias;

/**
 * The result for one configuration at one point.
 *
 * @param configuration index into the study's configurations
 * @param point         index into the study's points
 * @param bias          the statistics
 */
public record BiasRow(int configuration, int point, EstimatorBias bias) {
}
