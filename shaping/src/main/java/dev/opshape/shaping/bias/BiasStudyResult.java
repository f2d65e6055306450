package dev.opshape.shaping.bias;

import dev.opshape.shaping.statistics.Interval;

import java.util.List;
import java.util.function.Function;

/**
 * The rows of a bias study, and their summary over points.
 *
 * @param config the study
 * @param rows   one per point and configuration, point-major
 */
public record BiasStudyResult(BiasStudyConfig config, List<BiasRow> rows) {

    public BiasStudyResult {
        rows = List.copyOf(rows);
    }

    /** The rows of one configuration, one per point. */
    public List<BiasRow> rowsOf(int configuration) {
        return rows.stream().filter(r -> r.configuration() == configuration).toList();
    }

    /**
     * A metric of one configuration summarised over the study's points: the mean of the per-point estimates, with
     * an interval for that mean conditional on these points: the per-point intervals are independent (each point
     * has its own estimates), so each side's half-width is sqrt(sum_p h_p^2) / P, with h_p the distance from point
     * p's estimate to that end of its interval. The two sides are combined separately because bootstrap intervals
     * are asymmetric; and as sqrt(sum h_p^2) &lt;= sum h_p, the summary's lower end is never below the mean of the
     * per-point lower ends, so a quantity that cannot be negative (a norm, a variance) keeps a non-negative
     * interval. With one point this is that point's estimate and interval. (An interval over the distribution of points
     * would need many points: with two it is uselessly wide.)
     */
    public Interval summary(int configuration, Function<EstimatorBias, Interval> metric) {
        List<BiasRow> of = rowsOf(configuration);
        if (of.size() == 1) {
            return metric.apply(of.get(0).bias());
        }
        return Interval.meanOf(of.stream().map(r -> metric.apply(r.bias())).toList());
    }
}
