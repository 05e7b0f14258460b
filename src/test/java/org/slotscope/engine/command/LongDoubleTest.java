package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sums as Redis 7.0 INCRBYFLOAT printed them on x86-64 (80-bit long double), see strings.txt. */
class LongDoubleTest {
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.2, 0.3",
        "10.5, 0.1, 10.6",
        "5.6, 5.0e3, 5005.60000000000000009",
        "9223372036854775802, 1.5, 9223372036854775803.5",
        "0, 1.5e-5, 0.000015",
        "1e10, 1, 10000000001",
        "3.0, 1.1, 4.1",
        "1, -1, 0"
    })
    void addsAndFormatsLikeRedis(String a, String b, String expected) {
        assertEquals(expected, LongDouble.format(LongDouble.add(LongDouble.parse(Args.bytes(a)),
                LongDouble.parse(Args.bytes(b)))));
    }

    @Test
    void refusesWhatString2ldRefuses() {
        assertNull(LongDouble.parse(Args.bytes("abc")));
        assertNull(LongDouble.parse(Args.bytes(" 1")));
        assertNull(LongDouble.parse(Args.bytes("nan")));
        assertTrue(LongDouble.isInfinite(Args.bytes("-inf")));
    }
}
