package dev.opshape.shaping.metabias;

import dev.opshape.shaping.statistics.Interval;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;

import java.util.Arrays;

/**
 * The two error measures of the seed paper's tabular code, under their own names, so that its figures can be read
 * against opshape's: {@code sdSum} = sum over components of the unbiased standard deviation of the N estimates (the
 * paper calls it {@code var}; it is not a variance) and {@code gradMse} = mean over the d components of
 * (mean estimate - exact)^2 (the paper's {@code grad_mse}: a squared bias per component that still holds the
 * noise tr(Cov) / (N d) of the mean; opshape's noise-corrected {@code squaredBias} removes it). Intervals are 95%
 * bootstrap percentiles over resampled estimates (seeded, so reproducible).
 *
 * @param sdSum   sum_c sd_c
 * @param gradMse mean_c (mean_c - exact_c)^2
 */
public record PaperMeasures(Interval sdSum, Interval gradMse) {

    private static final int BOOTSTRAP = 1000;

    /**
     * @param exact   g (length d)
     * @param samples N &gt;= 2 estimates of length d
     * @param seed    key of the bootstrap stream
     * @param stream  key of the bootstrap stream
     */
    public static PaperMeasures of(double[] exact, double[][] samples, long seed, long stream) {
        int n = samples.length;
        if (n < 2) {
            throw new IllegalArgumentException("samples = " + n + "; the measures need at least 2 estimates");
        }
        int[] index = new int[n];
        Arrays.setAll(index, i -> i);
        double[] point = measures(exact, samples, index);
        UniformRandomProvider rng = new Philox4x64(new long[] {seed, stream, 0, 0, 0, 1});
        double[][] boot = new double[2][BOOTSTRAP];
        for (int r = 0; r < BOOTSTRAP; r++) {
            for (int i = 0; i < n; i++) {
                index[i] = rng.nextInt(n);
            }
            double[] m = measures(exact, samples, index);
            boot[0][r] = m[0];
            boot[1][r] = m[1];
        }
        return new PaperMeasures(percentile(point[0], boot[0]), percentile(point[1], boot[1]));
    }

    private static double[] measures(double[] exact, double[][] samples, int[] index) {
        int d = exact.length;
        int n = index.length;
        double sdSum = 0;
        double gradMse = 0;
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (int i : index) {
                mean += samples[i][c];
            }
            mean /= n;
            double ss = 0;
            for (int i : index) {
                double x = samples[i][c] - mean;
                ss += x * x;
            }
            sdSum += Math.sqrt(ss / (n - 1));
            gradMse += (mean - exact[c]) * (mean - exact[c]);
        }
        return new double[] {sdSum, gradMse / d};
    }

    private static Interval percentile(double point, double[] boot) {
        double[] sorted = boot.clone();
        Arrays.sort(sorted);
        return new Interval(point, sorted[(int) Math.floor(0.025 * (BOOTSTRAP - 1))],
                sorted[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]);
    }
}
