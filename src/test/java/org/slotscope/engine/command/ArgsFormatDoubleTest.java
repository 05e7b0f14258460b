package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Args.formatDouble against C's printf("%.17g") (values printed by CPython's %-formatting, which calls it). */
class ArgsFormatDoubleTest {
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.10000000000000001",
        "1e20, 1e+20",
        "1.5e-7, 1.4999999999999999e-07",
        "123456.789, 123456.789",
        "-2.5, -2.5",
        "1e-5, 1.0000000000000001e-05",
        "0.0001, 0.0001",
        "12345678901234567890.0, 1.2345678901234567e+19",
        "4503599627370496.0, 4503599627370496",
        "0.3333333333333333, 0.33333333333333331",
        "-1e300, -1.0000000000000001e+300",
        "5e-324, 4.9406564584124654e-324",
        "3, 3",
        "-0.5, -0.5"
    })
    void formatsLikeCPercent17g(double value, String expected) {
        assertEquals(expected, Args.formatDouble(value));
    }
}
