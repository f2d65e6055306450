package dev.opshape.cli.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers for people: six significant digits without trailing zeros ({@code -37.5}, {@code 0.0192308}),
 * scientific notation outside [1e-4, 1e7) ({@code 1.5e-9}), {@code inf} / {@code -inf} for infinities and
 * {@code 0} for both zeros. Text reports only: JSON carries every digit.
 */
public final class NumberText {

    private static final MathContext SIGNIFICANT = new MathContext(6, RoundingMode.HALF_EVEN);

    private NumberText() {
    }

    /** The number in at most six significant digits. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return rounded.toPlainString();
        }
        String scientific = String.format(Locale.ROOT, "%.5e", rounded.doubleValue());
        // 1.50000e-09 -> 1.5e-9
        int e = scientific.indexOf('e');
        String mantissa = scientific.substring(0, e).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(scientific.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
