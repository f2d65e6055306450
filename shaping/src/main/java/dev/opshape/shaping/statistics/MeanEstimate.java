package dev.opshape.shaping.statistics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;

/**
 * The mean of n independent values with its 95% confidence interval from Student's t with n - 1 degrees of freedom:
 * mean +- t_{0.975, n-1} sd / sqrt(n).
 *
 * @param mean      the sample mean
 * @param sd        the sample standard deviation (n - 1 denominator); NaN for n = 1
 * @param halfWidth the interval's half-width; NaN for n = 1 (one value says nothing about its spread)
 * @param n         number of values
 */
public record MeanEstimate(double mean, double sd, double halfWidth, long n) {

    /** Confidence level of the interval. */
    public static final double LEVEL = 0.95;

    /** The estimate of the values summarised (n &gt;= 1). */
    public static MeanEstimate of(StatisticalSummary values) {
        long n = values.getN();
        if (n < 1) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        if (n == 1) {
            return new MeanEstimate(values.getMean(), Double.NaN, Double.NaN, 1);
        }
        double sd = values.getStandardDeviation();
        // No random generator: only the quantile is needed, never a sample.
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2);
        return new MeanEstimate(values.getMean(), sd, t * sd / Math.sqrt(n), n);
    }

    /** Lower end of the 95% interval. */
    public double lower() {
        return mean - halfWidth;
    }

    /** Upper end of the 95% interval. */
    public double upper() {
        return mean + halfWidth;
    }

    /** The mean with its 95% interval. */
    public Interval interval() {
        return new Interval(mean, lower(), upper());
    }
}
