package dev.opshape.cli.output;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberTextTest {

    @ParameterizedTest
    @CsvSource({
        "-37.49999999999996, -37.5",
        "0.5, 0.5",
        "3.0, 3",
        "-0.0, 0",
        "0.0192307692, 0.0192308",
        "24.99999999999998, 25",
        "1234567.0, 1234570",
        "12345678.0, 1.23457e7",
        "0.0001, 0.0001",
        "0.000012345, 1.2345e-5",
        "-1.5e-9, -1.5e-9",
        "Infinity, inf",
        "-Infinity, -inf",
        "NaN, NaN"})
    void sixSignificantDigits(double value, String expected) {
        assertEquals(expected, NumberText.format(value));
    }
}
