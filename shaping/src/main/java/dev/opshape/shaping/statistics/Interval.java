package dev.opshape.shaping.statistics;

/**
 * An estimate with its 95% confidence interval.
 *
 * @param mean   the estimate
 * @param ciLow  lower end of the 95% interval (NaN if it cannot be computed)
 * @param ciHigh upper end
 */
public record Interval(double mean, double ciLow, double ciHigh) {

    /** True if the interval contains the value. */
    public boolean covers(double value) {
        return ciLow <= value && value <= ciHigh;
    }
}
