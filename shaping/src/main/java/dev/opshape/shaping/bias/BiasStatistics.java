package dev.opshape.shaping.bias;

import dev.opshape.shaping.statistics.Correlation;
import dev.opshape.shaping.statistics.Interval;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;

import java.util.Arrays;

/**
 * Computes {@link EstimatorBias} from the exact meta-gradient and N independent estimates (see there for the
 * definitions). Bootstrap intervals resample the estimates with a Philox stream keyed by (seed, stream), so they are
 * reproducible.
 */
public final class BiasStatistics {

    /** Bootstrap resamples per interval. */
    public static final int BOOTSTRAP = 1000;

    /** Index of the corrected squared bias among the whole-sample statistics. */
    private static final int SQUARED_BIAS = 2;
    /** The standard normal's 97.5% quantile. */
    private static final double Z95 = 1.959963984540054;

    private BiasStatistics() {
    }

    /**
     * @param exact   g (length d)
     * @param samples N estimates, each of length d (N &gt;= 2)
     * @param seed    key of the bootstrap stream
     * @param stream  key of the bootstrap stream
     */
    public static EstimatorBias of(double[] exact, double[][] samples, long seed, long stream) {
        int n = samples.length;
        int d = exact.length;
        if (n < 2) {
            throw new IllegalArgumentException("samples = " + n + "; a bias study needs at least 2 estimates");
        }
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);

        double[] mean = mean(samples, allIndices(n), d);
        double[] sd = new double[d];
        for (double[] s : samples) {
            for (int c = 0; c < d; c++) {
                sd[c] += (s[c] - mean[c]) * (s[c] - mean[c]);
            }
        }
        Interval[] bias = new Interval[d];
        for (int c = 0; c < d; c++) {
            sd[c] = Math.sqrt(sd[c] / (n - 1));
            double b = mean[c] - exact[c];
            double h = t * sd[c] / Math.sqrt(n);
            bias[c] = new Interval(b, b - h, b + h);
        }

        double exactNorm = norm(exact);
        double[] sqErr = new double[n];
        double[] cosine = new double[n];
        double[] sign = new double[n];
        double[] corr = new double[n];
        int corrDefined = 0;
        for (int i = 0; i < n; i++) {
            double[] s = samples[i];
            double err = 0;
            double dot = 0;
            int agree = 0;
            for (int c = 0; c < d; c++) {
                err += (s[c] - exact[c]) * (s[c] - exact[c]);
                dot += s[c] * exact[c];
                agree += Math.signum(s[c]) == Math.signum(exact[c]) ? 1 : 0;
            }
            sqErr[i] = err;
            double denominator = norm(s) * exactNorm;
            cosine[i] = denominator == 0 ? Double.NaN : dot / denominator;
            sign[i] = (double) agree / d;
            corr[i] = pearson(s, exact);
            if (!Double.isNaN(corr[i])) {
                corr[corrDefined++] = corr[i];
            }
        }

        // Whole-sample statistics and their bootstrap distributions.
        int[] all = allIndices(n);
        double[] point = wholeSample(exact, samples, all, exactNorm);
        UniformRandomProvider rng = new Philox4x64(new long[] {seed, stream, 0, 0, 0, 0});
        double[][] boot = new double[4][BOOTSTRAP];
        int[] resample = new int[n];
        for (int r = 0; r < BOOTSTRAP; r++) {
            for (int i = 0; i < n; i++) {
                resample[i] = rng.nextInt(n);
            }
            double[] stats = wholeSample(exact, samples, resample, exactNorm);
            for (int k = 0; k < 4; k++) {
                boot[k][r] = stats[k];
            }
        }
        Interval[] whole = new Interval[4];
        for (int k = 0; k < 4; k++) {
            if (k == SQUARED_BIAS) {
                // The bootstrap distribution of the corrected squared bias is centred on the uncorrected
                // |mean - g|^2 (resamples add tr(Cov)/N of noise that the correction, computed from the resample,
                // removes only on average over the data, not over resamples), so percentile limits would sit
                // above the unbiased estimate. A normal interval with the bootstrap standard error, centred on the
                // estimate, keeps the estimate's unbiasedness.
                double bootstrapSd = standardDeviation(boot[k]);
                whole[k] = new Interval(point[k], point[k] - Z95 * bootstrapSd, point[k] + Z95 * bootstrapSd);
                continue;
            }
            double[] sorted = boot[k].clone();
            Arrays.sort(sorted);
            whole[k] = new Interval(point[k], sorted[(int) Math.floor(0.025 * (BOOTSTRAP - 1))],
                    sorted[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]);
        }
        return new EstimatorBias(exact.clone(), mean, bias, whole[0], whole[1], whole[2], whole[3],
                nonNegative(meanInterval(sqErr, n, t)), meanInterval(cosine, n, t),
                corrDefined >= 2 ? meanInterval(corr, corrDefined,
                        new TDistribution(null, corrDefined - 1).inverseCumulativeProbability(0.975))
                        : new Interval(corrDefined == 1 ? corr[0] : Double.NaN, Double.NaN, Double.NaN),
                meanInterval(sign, n, t), n, corrDefined);
    }

    /** biasNorm, relativeBias, squaredBias, variance of the estimates selected by {@code index}. */
    private static double[] wholeSample(double[] exact, double[][] samples, int[] index, double exactNorm) {
        int d = exact.length;
        int n = index.length;
        double[] mean = mean(samples, index, d);
        double variance = 0;
        for (int c = 0; c < d; c++) {
            double ss = 0;
            for (int i : index) {
                double x = samples[i][c] - mean[c];
                ss += x * x;
            }
            variance += ss / (n - 1);
        }
        double sq = 0;
        for (int c = 0; c < d; c++) {
            sq += (mean[c] - exact[c]) * (mean[c] - exact[c]);
        }
        double biasNorm = Math.sqrt(sq);
        return new double[] {biasNorm, exactNorm == 0 ? Double.NaN : biasNorm / exactNorm, sq - variance / n,
            variance};
    }

    private static double[] mean(double[][] samples, int[] index, int d) {
        double[] mean = new double[d];
        for (int i : index) {
            for (int c = 0; c < d; c++) {
                mean[c] += samples[i][c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= index.length;
        }
        return mean;
    }

    private static int[] allIndices(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }

    private static Interval meanInterval(double[] values, int n, double t) {
        double mean = StatUtils.mean(values, 0, n);
        double h = t * Math.sqrt(StatUtils.variance(values, mean, 0, n) / n);
        return new Interval(mean, mean - h, mean + h);
    }


    /**
     * A t interval for the mean of values that cannot be negative, cut at 0: with heavy tails (importance weights)
     * the normal approximation can reach below 0, where the mean cannot be.
     */
    private static Interval nonNegative(Interval interval) {
        return new Interval(interval.mean(), Math.max(0, interval.ciLow()), interval.ciHigh());
    }

    private static double standardDeviation(double[] values) {
        return Math.sqrt(StatUtils.variance(values));
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Pearson correlation of the components of a and b; NaN if either is constant. */
    static double pearson(double[] a, double[] b) {
        return Correlation.pearson(a, b);
    }
}
