package dev.opshape.shaping.statistics;

import java.util.List;

/**
 * An estimate with its 95% confidence interval.
 *
 * @param mean   the estimate
 * @param ciLow  lower end of the 95% interval (NaN if it cannot be computed)
 * @param ciHigh upper end
 */
public record Interval(double mean, double ciLow, double ciHigh) {

    /**
     * The mean of independent estimates (for example one per study point or MDP), with an interval for that mean
     * conditional on the units: each side's half-width is sqrt(sum_p h_p^2) / P, h_p the distance from estimate p to
     * that end of its interval. The sides are combined separately because bootstrap intervals are asymmetric; since
     * sqrt(sum h_p^2) &lt;= sum h_p, the lower end is never below the mean of the lower ends, so a quantity that
     * cannot be negative keeps a non-negative interval. Estimates that are NaN are left out; one estimate is
     * returned as it is.
     */
    public static Interval meanOf(List<Interval> estimates) {
        double sum = 0;
        double lowSquares = 0;
        double highSquares = 0;
        int n = 0;
        Interval only = null;
        for (Interval i : estimates) {
            if (Double.isNaN(i.mean())) {
                continue;
            }
            double low = i.mean() - i.ciLow();
            double high = i.ciHigh() - i.mean();
            sum += i.mean();
            lowSquares += low * low;
            highSquares += high * high;
            n++;
            only = i;
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        if (n == 1) {
            return only;
        }
        double mean = sum / n;
        return new Interval(mean, mean - Math.sqrt(lowSquares) / n, mean + Math.sqrt(highSquares) / n);
    }

    /** True if the interval contains the value. */
    public boolean covers(double value) {
        return ciLow <= value && value <= ciHigh;
    }
}
