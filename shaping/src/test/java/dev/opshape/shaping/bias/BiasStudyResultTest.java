package dev.opshape.shaping.bias;

import dev.opshape.shaping.statistics.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary over points combines independent per-point intervals side by side. */
class BiasStudyResultTest {

    private static EstimatorBias withVariance(Interval variance) {
        Interval none = new Interval(Double.NaN, Double.NaN, Double.NaN);
        return new EstimatorBias(new double[1], new double[1], new Interval[] {none}, none, none, none, variance,
                none, none, none, none, 10, 0);
    }

    private static BiasStudyResult twoPoints(Interval first, Interval second) {
        return new BiasStudyResult(null, List.of(new BiasRow(0, 0, withVariance(first)),
                new BiasRow(0, 1, withVariance(second))));
    }

    @Test
    void eachSideCombinesInQuadrature() {
        // Lower distances 3 and 4 combine to 5 (over P = 2 points: 2.5); upper distances 6 and 8 to 10 (5).
        Interval s = twoPoints(new Interval(10, 7, 16), new Interval(20, 16, 28)).summary(0, EstimatorBias::variance);
        assertEquals(15, s.mean(), 1e-12);
        assertEquals(15 - 2.5, s.ciLow(), 1e-12);
        assertEquals(15 + 5, s.ciHigh(), 1e-12);
    }

    @Test
    void nonNegativePerPointIntervalsGiveANonNegativeSummary() {
        // Heavy right tails (importance weights): a symmetric combination of these half-widths, (h_1^2 + h_2^2)^1/2
        // / 2 with h_p = (high - low) / 2, would reach -229 here.
        Interval s = twoPoints(new Interval(1, 0.5, 1000), new Interval(2, 1, 3)).summary(0, EstimatorBias::variance);
        assertTrue(s.ciLow() >= 0, "summary " + s);
        assertTrue(s.ciLow() >= (0.5 + 1) / 2 - 1.5 / 2 - 1e-12, "summary " + s);
    }

    @Test
    void onePointIsThatPointsInterval() {
        Interval only = new Interval(3, 1, 9);
        BiasStudyResult result = new BiasStudyResult(null, List.of(new BiasRow(0, 0, withVariance(only))));
        assertEquals(only, result.summary(0, EstimatorBias::variance));
    }
}
