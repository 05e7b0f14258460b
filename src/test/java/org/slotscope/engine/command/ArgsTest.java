package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArgsTest {
    private static long parse(String s) {
        return Args.parseLong(Args.bytes(s)).orElseThrow();
    }

    private static boolean rejects(String s) {
        return Args.parseLong(Args.bytes(s)).isEmpty();
    }

    @Test
    void parsesIntegersLikeString2ll() {
        assertEquals(0, parse("0"));
        assertEquals(-12, parse("-12"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        assertTrue(rejects("9223372036854775808"));
        assertTrue(rejects("+1"));
        assertTrue(rejects("01"));
        assertTrue(rejects(" 1"));
        assertTrue(rejects("1 "));
        assertTrue(rejects("-"));
        assertTrue(rejects(""));
        assertTrue(rejects("1.0"));
        assertTrue(rejects("-0"));
    }

    @Test
    void formatsDoublesLikeRedis70() {
        // ZSCORE replies captured from Redis 7.0.15 (ZADD z 1.5 a 0.1 b 3 c 1e20 d -inf e 1e-5 f 123456789.123 g)
        assertEquals("1.5", Args.formatDouble(1.5));
        assertEquals("0.10000000000000001", Args.formatDouble(0.1));
        assertEquals("3", Args.formatDouble(3));
        assertEquals("1e+20", Args.formatDouble(1e20));
        assertEquals("-inf", Args.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("1.0000000000000001e-05", Args.formatDouble(1e-5));
        assertEquals("123456789.123", Args.formatDouble(123456789.123));
    }

    @Test
    void incrementOverflowIsDetectedAtBothEndsOf64Bits() {
        assertTrue(Args.incrWouldOverflow(Long.MAX_VALUE, 1));
        assertTrue(Args.incrWouldOverflow(Long.MIN_VALUE, -1));
        assertTrue(Args.incrWouldOverflow(-2, Long.MIN_VALUE + 1));
        assertFalse(Args.incrWouldOverflow(Long.MAX_VALUE - 1, 1));
        assertFalse(Args.incrWouldOverflow(Long.MAX_VALUE, Long.MIN_VALUE));
        assertFalse(Args.incrWouldOverflow(-1, Long.MIN_VALUE + 1));
    }

    @Test
    void parsesDoublesButNotJavaOnlySpellings() {
        assertEquals(1.5, Args.parseDouble(Args.bytes("1.5")).orElseThrow());
        assertEquals(Double.POSITIVE_INFINITY, Args.parseDouble(Args.bytes("+inf")).orElseThrow());
        assertTrue(Args.parseDouble(Args.bytes("NaN")).isEmpty());
        assertTrue(Args.parseDouble(Args.bytes("1d")).isEmpty());
        assertTrue(Args.parseDouble(Args.bytes("abc")).isEmpty());
        assertTrue(Args.parseDouble(Args.bytes(" 1")).isEmpty());
    }
}
