package dev.opshape.cli.option;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberArgumentsTest {

    @ParameterizedTest
    @CsvSource({"3, 3", "-0.5, -0.5", "+.25, 0.25", "1e-3, 0.001", "2.E2, 200", "' 7 ', 7", "0.96, 0.96"})
    void acceptsPlainDecimals(String text, double expected) {
        assertEquals(expected, NumberArguments.parseNumber(text, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "+inf", "Infinity", "INF", "+Infinity"})
    void acceptsPositiveInfinityWhereAllowed(String text) {
        assertEquals(Double.POSITIVE_INFINITY, NumberArguments.parseNumber(text, true));
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> NumberArguments.parseNumber(text, false));
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-inf", "-Infinity", "-INFINITY"})
    void acceptsNegativeInfinityWhereAllowed(String text) {
        assertEquals(Double.NEGATIVE_INFINITY, NumberArguments.parseNumber(text, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "-NaN", "+nan"})
    void rejectsNaNEverywhere(String text) {
        for (boolean allowInfinite : new boolean[] {true, false}) {
            TypeConversionException e = assertThrows(TypeConversionException.class,
                    () -> NumberArguments.parseNumber(text, allowInfinite));
            assertEquals("'" + text + "': NaN is not allowed; " + NumberArguments.allowed(allowInfinite),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1d", "1f", "0x1p3", "1,5", "1e", "--1", "1 2", "e5", "."})
    void rejectsWhatJavaWouldAcceptOrNobodyMeans(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> NumberArguments.parseNumber(text, true));
        assertEquals("'" + text + "' is not a number; write a decimal number such as -0.5 or 1e-3, or inf / -inf",
                e.getMessage());
    }

    @Test
    void overflowIsInfinityOnlyWhereAllowed() {
        assertEquals(Double.POSITIVE_INFINITY, NumberArguments.parseNumber("1e400", true));
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> NumberArguments.parseNumber("1e400", false));
        assertTrue(e.getMessage().startsWith("'1e400' is too large"), e.getMessage());
    }

    @Test
    void wholeNumbers() {
        assertEquals(150, NumberArguments.parseInteger("150"));
        assertEquals(-1, NumberArguments.parseInteger("-1"));
        assertThrows(TypeConversionException.class, () -> NumberArguments.parseInteger("1.0"));
        assertThrows(TypeConversionException.class, () -> NumberArguments.parseInteger("1e3"));
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> NumberArguments.parseInteger("3000000000"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void listsKeepOrderAndNameTheBadEntry() {
        assertArrayEquals(new double[] {0, 1.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                NumberList.parse(" 0, 1.5 ,-inf,inf", true).values());
        assertEquals(1, NumberList.parse("2", false).size());
        assertEquals("'1,2,x': entry 3 'x' is not a number; write a finite decimal number such as -0.5 or 1e-3",
                assertThrows(TypeConversionException.class, () -> NumberList.parse("1,2,x", false)).getMessage());
        assertEquals("'1,,2': entry 2 is empty; write numbers separated by single commas",
                assertThrows(TypeConversionException.class, () -> NumberList.parse("1,,2", true)).getMessage());
        assertTrue(assertThrows(TypeConversionException.class, () -> NumberList.parse("1,2,", true))
                .getMessage().contains("entry 3 is empty"));
        assertTrue(assertThrows(TypeConversionException.class, () -> NumberList.parse(" ", true))
                .getMessage().startsWith("empty list"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "-7, -7", "+5, 5", "' 9 ', 9", "9223372036854775807, 9223372036854775807"})
    void seedsAreAny64BitInteger(String text, long expected) {
        assertEquals(expected, new NumberArguments.Seed().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "9223372036854775808", "", "1e3"})
    void badSeedsNameTheValueAndTheRange(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new NumberArguments.Seed().convert(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a seed; write a whole number between"),
                e.getMessage());
    }
}
