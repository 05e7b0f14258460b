package org.slotscope.engine.command;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Argument parsing with Redis's rules (util.c string2ll, string2ld). */
public final class Args {
    private Args() {
    }

    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    public static String lower(byte[] arg) {
        return text(arg).toLowerCase(Locale.ROOT);
    }

    public static boolean is(byte[] arg, String word) {
        return text(arg).equalsIgnoreCase(word);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * string2ll: an optional '-', then digits with no leading zero (except "0" itself), no spaces,
     * no '+', within 64 bits.
     */
    public static OptionalLong parseLong(byte[] arg) {
        int len = arg.length;
        if (len == 0 || len > 20) {
            return OptionalLong.empty();
        }
        if (len == 1 && arg[0] == '0') {
            return OptionalLong.of(0);
        }
        int i = 0;
        boolean negative = false;
        if (arg[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return OptionalLong.empty();
            }
        }
        if (arg[i] < '1' || arg[i] > '9') {
            return OptionalLong.empty();
        }
        long value = 0;
        for (; i < len; i++) {
            int d = arg[i] - '0';
            if (d < 0 || d > 9) {
                return OptionalLong.empty();
            }
            // accumulate as a negative number so Long.MIN_VALUE fits
            if (value < (Long.MIN_VALUE + d) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return OptionalLong.empty();
            }
            value = -value;
        }
        return OptionalLong.of(value);
    }

    /**
     * The overflow test incrDecrCommand and hincrbyCommand (t_string.c, t_hash.c) make before
     * adding: true when oldValue + increment does not fit in 64 bits.
     */
    public static boolean incrWouldOverflow(long oldValue, long increment) {
        return (increment < 0 && oldValue < 0 && increment < Long.MIN_VALUE - oldValue)
                || (increment > 0 && oldValue > 0 && increment > Long.MAX_VALUE - oldValue);
    }

    /** string2ld-like: a finite or infinite number ("inf", "+inf", "-inf"), no spaces, not NaN. */
    public static OptionalDouble parseDouble(byte[] arg) {
        String s = text(arg);
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return OptionalDouble.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity":
                return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        if (lower.contains("n") || lower.endsWith("d") || lower.endsWith("f")) {
            return OptionalDouble.empty(); // Java would accept "1d", "NaN", "1f"; Redis does not
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * d2string (util.c, Redis 7.0): how a double is written in a bulk reply. Integral values in the
     * exactly representable range print as integers, others as C's "%.17g" (so 0.1 prints as
     * 0.10000000000000001, as Redis 7.0 does), infinities as inf / -inf.
     */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d > -4503599627370495.0 && d < 4503599627370495.0 && d != 0 && d == (double) (long) d) {
            return Long.toString((long) d);
        }
        return percent17g(d);
    }

    /**
     * C's snprintf "%.17g" as glibc prints it, the one implementation behind d2string above and
     * addReplyDouble (networking.c, Redis 7.0, which uses "%.17g" directly for RESP2 and RESP3).
     * Java's own %g pads Double.toString's shortest digits with zeros (0.1 -> 0.10000000000000000),
     * while C prints the exact binary expansion rounded half-even to 17 significant digits
     * (0.10000000000000001). Zero keeps its sign ("-0"); NaN is "nan", infinities "inf" / "-inf".
     */
    public static String percent17g(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = exact.precision() - exact.scale() - 1;
        String digits = exact.unscaledValue().abs().toString();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 17) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int abs = Math.abs(exponent);
            out.append(exponent < 0 ? "e-" : "e+").append(abs < 10 ? "0" : "").append(abs);
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }
}
