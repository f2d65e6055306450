package dev.opshape.tabular.catalog;

import java.util.regex.Pattern;

/**
 * The one grammar of numbers written by users, in options and in specs alike: ASCII decimal notation only.
 * Integers are {@code [+-]?[0-9]+}; real numbers are {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?},
 * plus {@code inf}, {@code infinity} (any case, with an optional sign) where infinity is allowed. Hexadecimal floats,
 * Java's type suffixes ({@code 1d}, {@code 2f}), non-ASCII digits, {@code NaN}, empty strings and surrounding text
 * are refused: {@link Double#parseDouble} accepts several of these, which is why it is not used directly.
 */
public final class NumberGrammar {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INFINITE = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    private NumberGrammar() {
    }

    /** True if the text is an integer in the grammar (any size). */
    public static boolean isInteger(String text) {
        return text != null && INTEGER.matcher(text).matches();
    }

    /**
     * The integer the text writes.
     *
     * @throws NumberFormatException with a message saying what is allowed, if it is not an integer of the grammar or
     *                               does not fit in an int
     */
    public static int parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new NumberFormatException("'" + text + "' is too large; integers must be within +-"
                    + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * The long the text writes.
     *
     * @throws NumberFormatException if it is not an integer of the grammar or does not fit in a long
     */
    public static long parseLong(String text) {
        String t = text == null ? "" : text.strip();
        if (!isInteger(t)) {
            throw new NumberFormatException("'" + text + "' is not an integer (decimal digits with an optional sign)");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text + "' is too large; integers must be within +-" + Long.MAX_VALUE);
        }
    }

    /**
     * The finite real number the text writes.
     *
     * @throws NumberFormatException if it is not a decimal number of the grammar or overflows to infinity
     */
    public static double parseFinite(String text) {
        double value = parseReal(text, false);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("'" + text + "' is out of the range of finite numbers");
        }
        return value;
    }

    /**
     * The real number the text writes, where {@code inf} and {@code infinity} (signed, any case) are allowed.
     *
     * @throws NumberFormatException if it is not a number of the grammar
     */
    public static double parseExtended(String text) {
        return parseReal(text, true);
    }

    private static double parseReal(String text, boolean infinityAllowed) {
        String t = text == null ? "" : text.strip();
        if (infinityAllowed && INFINITE.matcher(t).matches()) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!REAL.matcher(t).matches()) {
            throw new NumberFormatException("'" + text + "' is not a number (decimal notation such as 0.3, -2 or 1e-4"
                    + (infinityAllowed ? ", or inf" : "") + ")");
        }
        return Double.parseDouble(t);
    }
}
