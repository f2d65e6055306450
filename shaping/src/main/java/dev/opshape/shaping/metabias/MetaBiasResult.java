package dev.opshape.shaping.metabias;

import dev.opshape.shaping.statistics.Interval;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;
import java.util.function.Function;

/**
 * The rows of a study, MDP-major then configuration, and their summaries over MDPs.
 *
 * @param config the study
 * @param rows   one per MDP and configuration
 */
public record MetaBiasResult(MetaBiasStudyConfig config, List<MetaBiasRow> rows) {

    /** Copies the list. */
    public MetaBiasResult {
        rows = List.copyOf(rows);
    }

    /**
     * A measure of one configuration summarised over the MDPs: with one MDP its own value and interval; with
     * several, the mean of the per-MDP values with a 95% Student-t interval over MDPs (the MDPs are a random sample
     * of the family, so this interval is about the family, as the seed paper's error bars are). MDPs where the
     * measure is undefined (NaN) are left out.
     */
    public Interval summary(int configuration, Function<MetaBiasRow, Interval> measure) {
        List<MetaBiasRow> of = rows.stream().filter(r -> r.configuration() == configuration).toList();
        if (of.size() == 1) {
            return measure.apply(of.get(0));
        }
        double[] values = of.stream().mapToDouble(r -> measure.apply(r).mean()).filter(v -> !Double.isNaN(v))
                .toArray();
        int n = values.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Interval(mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new Interval(mean, mean - half, mean + half);
    }
}
