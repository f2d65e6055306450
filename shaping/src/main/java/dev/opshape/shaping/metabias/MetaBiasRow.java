package dev.opshape.shaping.metabias;

import dev.opshape.shaping.bias.EstimatorBias;

/**
 * The statistics of one configuration on one MDP.
 *
 * @param configuration index into the study's configurations
 * @param mdp           index into the study's MDPs
 * @param bias          opshape's measures (noise-corrected squared bias, variance, MSE, cosine, correlation)
 * @param paper         the seed paper's measures ({@code var} as sdSum, {@code grad_mse})
 */
public record MetaBiasRow(int configuration, int mdp, EstimatorBias bias, PaperMeasures paper) {
}
