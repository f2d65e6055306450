package dev.opshape.shaping.tournament;

/**
 * Comparisons of exact outcomes that do not split ties made by rounding. Two agents that play the same strategy
 * (Joss and Burn Both Ends, say) have equal expected scores, but evaluated in different seats the two values can
 * differ in their last bits; counting that as a won match, a better partner or a higher rank would be an artefact.
 * Values within a relative {@link #RELATIVE_TOLERANCE} of each other are treated as equal: far above the rounding
 * of the exact evaluators (about 1e-13 relative) and far below any difference a tournament is meant to show.
 */
final class ExactComparison {

    /** Relative difference below which two exact values are equal. */
    static final double RELATIVE_TOLERANCE = 1e-9;

    private ExactComparison() {
    }

    /** True if a exceeds b by more than the tolerance. */
    static boolean exceeds(double a, double b) {
        return a - b > RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * The value rounded to 9 significant digits (values below 1 in magnitude to 9 decimals), as a sort key:
     * values equal to rounding sort as equal and fall through to the next key (the name). NaN and infinities are
     * returned as they are.
     */
    static double rankingKey(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value + 0.0;
        }
        double magnitude = Math.max(0, Math.floor(Math.log10(Math.abs(value))) + 1);
        double scale = Math.pow(10, 9 - magnitude);
        return Math.rint(value * scale) / scale + 0.0;
    }
}
