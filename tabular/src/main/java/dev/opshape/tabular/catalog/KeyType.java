package dev.opshape.tabular.catalog;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The type of a spec key's value: how its text is read and checked, and how the allowed values are described in
 * help texts and error messages. Numbers follow {@link NumberGrammar}. Immutable.
 */
public final class KeyType {

    private final String allowed;
    private final Function<String, Object> reader;

    private KeyType(String allowed, Function<String, Object> reader) {
        this.allowed = allowed;
        this.reader = reader;
    }

    /** An integer in [min, max]. */
    public static KeyType integer(int min, int max) {
        String allowed = "an integer in [" + min + ", " + max + "]";
        return new KeyType(allowed, text -> {
            int v = NumberGrammar.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(allowed);
            }
            return v;
        });
    }

    /** A finite number. */
    public static KeyType finite() {
        return new KeyType("a finite number", text -> NumberGrammar.parseFinite(text));
    }

    /** A finite number with {@code min < value < max} (open bounds; use infinities for none). */
    public static KeyType openInterval(double min, double max) {
        return interval(min, false, max, false);
    }

    /** A finite number in [min, max]. */
    public static KeyType closedInterval(double min, double max) {
        return interval(min, true, max, true);
    }

    /** A finite number &gt;= min. */
    public static KeyType atLeast(double min) {
        return interval(min, true, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number with {@code min < value <= max}. */
    public static KeyType leftOpenInterval(double min, double max) {
        return interval(min, false, max, true);
    }

    private static KeyType interval(double min, boolean minIncluded, double max, boolean maxIncluded) {
        String allowed = "a number in " + (minIncluded ? "[" : "(") + bound(min) + ", " + bound(max)
                + (maxIncluded ? "]" : ")");
        return new KeyType(allowed, text -> {
            double v = NumberGrammar.parseFinite(text);
            boolean above = minIncluded ? v >= min : v > min;
            boolean below = maxIncluded ? v <= max : v < max;
            if (!(above && below)) {
                throw new IllegalArgumentException(allowed);
            }
            return v;
        });
    }

    /** A number &gt; 0, where {@code inf} (no bound) is allowed. */
    public static KeyType positiveOrInfinite() {
        String allowed = "a number > 0 (or inf)";
        return new KeyType(allowed, text -> {
            double v = NumberGrammar.parseExtended(text);
            if (!(v > 0)) {
                throw new IllegalArgumentException(allowed);
            }
            return v;
        });
    }

    /** true or false (any case). */
    public static KeyType bool() {
        return new KeyType("true or false", text -> {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("true or false");
        });
    }

    /** One of the given words (any case; stored in lower case). */
    public static KeyType choice(List<String> values) {
        List<String> copy = List.copyOf(values);
        String allowed = "one of " + String.join(", ", copy);
        return new KeyType(allowed, text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!copy.contains(lower)) {
                throw new IllegalArgumentException(allowed);
            }
            return lower;
        });
    }

    /**
     * Text with its own syntax, read by the given reader (which throws IllegalArgumentException with the allowed
     * form as its message when the text is not of it).
     */
    public static KeyType text(String allowed, Function<String, Object> reader) {
        return new KeyType(allowed, reader);
    }

    /** What values are allowed, for messages and help texts, for example "an integer in [0, 10000]". */
    public String allowed() {
        return allowed;
    }

    /**
     * Reads a value.
     *
     * @throws IllegalArgumentException (or its subclass NumberFormatException) if the text is not allowed
     */
    Object read(String text) {
        return reader.apply(text);
    }

    private static String bound(double b) {
        if (Double.isInfinite(b)) {
            return b > 0 ? "inf" : "-inf";
        }
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }
}
