package dev.opshape.cli.option;

import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One-word choices of an option (such as {@code mean|median}), read without case, refused with the allowed words. */
public final class Choices {

    private Choices() {
    }

    /**
     * The constant whose lower-case name, with '_' as '-', is the value (any case).
     *
     * @throws TypeConversionException naming the value and the allowed words
     */
    public static <E extends Enum<E>> E parse(String value, E[] constants) {
        List<String> words = new ArrayList<>();
        for (E e : constants) {
            String word = word(e);
            if (word.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
            words.add(word);
        }
        String allowed = words.size() == 2 ? words.get(0) + " or " + words.get(1) : String.join(", ", words);
        throw new TypeConversionException("'" + value + "' is not " + allowed);
    }

    /** The option word of a constant. */
    public static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
