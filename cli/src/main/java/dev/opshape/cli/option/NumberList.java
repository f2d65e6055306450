package dev.opshape.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A comma-separated list of numbers from the command line, for example {@code 0,1.5,-inf,inf,0}, in the grammar of
 * {@link NumberArguments}. Spaces around entries are ignored; empty entries are errors.
 *
 * @param values the numbers, in order (the array is the caller's to read, not to modify)
 */
public record NumberList(double[] values) {

    /**
     * Parses a list.
     *
     * @param allowInfinite whether entries may be {@code inf} / {@code -inf}
     * @throws TypeConversionException naming the bad entry, its position and what is allowed
     */
    public static NumberList parse(String text, boolean allowInfinite) {
        if (text.isBlank()) {
            throw new TypeConversionException("empty list; write numbers separated by commas, e.g. 0,0.5,-1");
        }
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new TypeConversionException("'" + text + "': entry " + (i + 1) + " is empty; write numbers "
                        + "separated by single commas");
            }
            try {
                values[i] = NumberArguments.parseNumber(parts[i], allowInfinite);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("'" + text + "': entry " + (i + 1) + " " + e.getMessage());
            }
        }
        return new NumberList(values);
    }

    /** Number of entries. */
    public int size() {
        return values.length;
    }

    /** Converter for a list of finite numbers (for example a direction vector). */
    public static final class Finite implements ITypeConverter<NumberList> {
        @Override
        public NumberList convert(String value) {
            return parse(value, false);
        }
    }
}
