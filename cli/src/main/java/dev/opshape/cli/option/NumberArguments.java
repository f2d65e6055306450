package dev.opshape.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one grammar for numbers on the command line, and picocli converters that use it.
 *
 * <p>A number is a plain decimal such as {@code 3}, {@code -0.5}, {@code .25} or {@code 1e-3}; where infinity is
 * meaningful (logits of deterministic choices) also {@code inf}, {@code -inf}, {@code Infinity} and
 * {@code -Infinity} (any case, optional {@code +}). Java's other spellings ({@code 1d}, {@code 0x1p3}) are
 * rejected, and so is {@code NaN}, which is never a valid input. Failures are {@link TypeConversionException}s with a
 * one-line message that picocli prefixes with the option's name.
 */
public final class NumberArguments {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private NumberArguments() {
    }

    /**
     * Parses one number.
     *
     * @param text          the argument
     * @param allowInfinite whether {@code inf}, {@code -inf} (and overflowing decimals) are accepted
     * @throws TypeConversionException naming the text and what is allowed
     */
    public static double parseNumber(String text, boolean allowInfinite) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("nan")) {
            throw new TypeConversionException("'" + text + "': NaN is not allowed; " + allowed(allowInfinite));
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            if (!allowInfinite) {
                throw new TypeConversionException("'" + text + "' is not a finite number; " + allowed(false));
            }
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new TypeConversionException("'" + text + "' is not a number; " + allowed(allowInfinite));
        }
        double value = Double.parseDouble(t);
        if (!allowInfinite && Double.isInfinite(value)) {
            throw new TypeConversionException("'" + text + "' is too large; " + allowed(false));
        }
        return value;
    }

    /**
     * Parses a whole number.
     *
     * @throws TypeConversionException naming the text and what is allowed
     */
    public static int parseInteger(String text) {
        String t = text.strip();
        if (!INTEGER.matcher(t).matches()) {
            throw new TypeConversionException("'" + text + "' is not a whole number; write digits, e.g. 150");
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is out of range; the largest allowed is "
                    + Integer.MAX_VALUE);
        }
    }

    /**
     * Parses a comma-separated list of whole numbers in [min, max], dropping repeats (first occurrence kept).
     *
     * @throws TypeConversionException naming the bad entry and what is allowed
     */
    public static List<Integer> parseIntegerList(String text, int min, int max) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int v = parseInteger(part);
            if (v < min || v > max) {
                throw new TypeConversionException(v + " is outside " + min + ".." + max);
            }
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return values;
    }

    /** What the grammar accepts, for messages. */
    static String allowed(boolean allowInfinite) {
        return allowInfinite
                ? "write a decimal number such as -0.5 or 1e-3, or inf / -inf"
                : "write a finite decimal number such as -0.5 or 1e-3";
    }

    /** Converter for options that take one finite number. */
    public static final class FiniteNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parseNumber(value, false);
        }
    }

    /** Converter for seeds: any 64-bit integer, negative ones included. */
    public static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String t = value.strip();
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a seed; write a whole number between "
                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ", e.g. 42");
            }
        }
    }

    /** Converter for options that take a whole number. */
    public static final class WholeNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parseInteger(value);
        }
    }
}
