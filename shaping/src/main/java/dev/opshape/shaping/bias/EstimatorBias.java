package dev.opshape.shaping.bias;

import dev.opshape.shaping.statistics.Interval;

/**
 * How a meta-gradient estimator errs at one point: statistics of N independent estimates g_1..g_N of the exact
 * meta-gradient g (vectors over the learning agent's logits).
 *
 * <ul>
 *   <li>{@code bias} = mean - g per component, each with a Student-t interval from the N estimates;</li>
 *   <li>{@code biasNorm} = |mean - g| and {@code relativeBias} = |mean - g| / |g|: note that even an unbiased
 *       estimator shows |mean - g| of about sqrt(tr Cov / N);</li>
 *   <li>{@code squaredBias} = |mean - g|^2 - tr(Cov) / N, the noise-corrected (unbiased) estimate of the squared
 *       bias |E g_i - g|^2, since E|mean - g|^2 = |bias|^2 + tr(Cov)/N; it may be negative, and an unbiased
 *       estimator's interval covers 0;</li>
 *   <li>{@code variance} = tr(Cov), the summed variance of the components (unbiased sample variances);</li>
 *   <li>{@code mse} = mean of |g_i - g|^2 = |bias|^2 + tr(Cov), the expected squared error of one estimate;</li>
 *   <li>{@code cosine}, {@code corr}, {@code signAgreement}: means over estimates of cos(g_i, g), of the Pearson
 *       correlation of the components of g_i and g (the mean-centred cosine the seed paper plots; undefined, and
 *       left out, when either vector is constant), and of the fraction of components whose sign matches g's.</li>
 * </ul>
 * Intervals are 95%: Student t over estimates for means of per-estimate quantities (mse, cosine, corr,
 * signAgreement, each bias component); from seeded bootstrap resampling of the estimates for the others:
 * percentile intervals for biasNorm, relativeBias and variance, and for squaredBias a normal interval with the
 * bootstrap standard error centred on the (unbiased) estimate, because the bootstrap distribution of the corrected
 * statistic is centred on the uncorrected one.
 *
 * @param exact         g, the exact meta-gradient
 * @param mean          the mean of the estimates
 * @param bias          mean - g per component
 * @param biasNorm      |mean - g|
 * @param relativeBias  |mean - g| / |g|
 * @param squaredBias   |mean - g|^2 - tr(Cov)/N
 * @param variance      tr(Cov)
 * @param mse           mean squared error of one estimate
 * @param cosine        mean cosine similarity
 * @param corr          mean Pearson correlation
 * @param signAgreement mean fraction of matching signs
 * @param samples       N
 * @param corrDefined   how many estimates had a defined correlation
 */
public record EstimatorBias(double[] exact, double[] mean, Interval[] bias, Interval biasNorm,
                            Interval relativeBias, Interval squaredBias, Interval variance, Interval mse,
                            Interval cosine, Interval corr, Interval signAgreement, int samples, int corrDefined) {
}
