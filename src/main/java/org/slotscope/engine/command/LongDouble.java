package org.slotscope.engine.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * INCRBYFLOAT and HINCRBYFLOAT compute in C's {@code long double} (x87 80-bit: a 64-bit mantissa)
 * and print with ld2string's LD_STR_HUMAN mode ("%.17Lf", trailing zeros removed). Java has no such
 * type, so this emulates it exactly with BigDecimal: every operand and result is rounded to 64
 * significant bits. That reproduces Redis's visible artefacts, e.g. 5.6 + 5.0e3 =
 * "5005.60000000000000009", while 10.5 + 0.1 = "10.6".
 */
public final class LongDouble {
    private static final int MANTISSA_BITS = 64;

    private LongDouble() {
    }

    /**
     * string2ld: the value of {@code text} rounded to a long double, or null when it is not a finite
     * number Redis accepts (spaces, NaN, garbage, and also infinities: check {@link #isInfinite} to
     * tell those apart).
     */
    public static BigDecimal parse(byte[] text) {
        OptionalDouble check = Args.parseDouble(text);
        if (check.isEmpty() || Double.isInfinite(check.getAsDouble())) {
            return null;
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(Args.text(text).trim());
        } catch (NumberFormatException e) {
            exact = new BigDecimal(check.getAsDouble()); // hex floats and other forms strtold accepts
        }
        return round(exact);
    }

    /** Whether {@code text} is a valid float that is infinite ("inf", "+inf", "-inf"). */
    public static boolean isInfinite(byte[] text) {
        OptionalDouble check = Args.parseDouble(text);
        return check.isPresent() && Double.isInfinite(check.getAsDouble());
    }

    /** The sum rounded to a long double; null when it overflows the long double range. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = round(a.add(b));
        // LDBL_MAX is about 1.19e4932: past it the C sum would be inf.
        if (sum.abs().compareTo(new BigDecimal("1.18973149535723176502e4932")) > 0) {
            return null;
        }
        return sum;
    }

    /** ld2string(LD_STR_HUMAN): "%.17Lf" with trailing zeros and a trailing dot removed. */
    public static String format(BigDecimal value) {
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Rounds to the nearest value with a 64-bit binary mantissa (round half to even, as the FPU). */
    static BigDecimal round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // Find e with 2^(e-1) <= |x| < 2^e, then scale by 2^(64-e) so the mantissa is the integer part.
        int e = binaryExponent(exact.abs());
        int shift = MANTISSA_BITS - e;
        BigDecimal scaled = shift >= 0 ? exact.multiply(new BigDecimal(BigInteger.TWO.pow(shift)))
                : exact.divide(new BigDecimal(BigInteger.TWO.pow(-shift)), MathContext.UNLIMITED);
        BigInteger mantissa = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal m = new BigDecimal(mantissa);
        return shift >= 0 ? m.divide(new BigDecimal(BigInteger.TWO.pow(shift)), MathContext.UNLIMITED)
                : m.multiply(new BigDecimal(BigInteger.TWO.pow(-shift)));
    }

    private static int binaryExponent(BigDecimal positive) {
        BigInteger integerPart = positive.toBigInteger();
        if (integerPart.signum() > 0) {
            int e = integerPart.bitLength(); // 2^(e-1) <= int(x) <= x < 2^e
            return e;
        }
        // 0 < x < 1: count how many doublings bring it to >= 1
        int e = 0;
        BigDecimal x = positive;
        // jump close with the double estimate, then correct
        double approx = positive.doubleValue();
        if (approx > 0 && !Double.isInfinite(approx)) {
            int guess = Math.getExponent(approx) + 1;
            if (guess < 0) {
                x = positive.multiply(new BigDecimal(BigInteger.TWO.pow(-guess)));
                e = guess;
            }
        }
        while (x.compareTo(BigDecimal.ONE) < 0) {
            x = x.multiply(BigDecimal.valueOf(2));
            e--;
        }
        while (x.compareTo(BigDecimal.ONE) >= 0) {
            x = x.divide(BigDecimal.valueOf(2));
            e++;
        }
        return e;
    }
}
