package dev.opshape.shaping.bias;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
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
     * A metric of one configuration summarised over the points: with one point, that point's estimate and interval;
     * with P &gt; 1 points, the mean of the P estimates and a Student-t interval over them (the points are
     * independent draws, so the interval is for the average over the distribution of points).
     */
    public Interval summary(int configuration, Function<EstimatorBias, Interval> metric) {
        List<BiasRow> of = rowsOf(configuration);
        if (of.size() == 1) {
            return metric.apply(of.get(0).bias());
        }
        List<Double> values = new ArrayList<>();
        for (BiasRow r : of) {
            double v = metric.apply(r.bias()).mean();
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        int n = values.size();
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new Interval(mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double h = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new Interval(mean, mean - h, mean + h);
    }
}
