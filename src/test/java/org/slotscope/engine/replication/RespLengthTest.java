package org.slotscope.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespLengthTest {
    @Test
    void digitsMatchTheDecimalFormAtEveryPowerOfTen() {
        for (int n : new int[] {0, 1, 9, 10, 99, 100, 999, 1000, 65535, 99999, 100000, 1 << 20, 999_999_999,
                1_000_000_000, Integer.MAX_VALUE}) {
            assertEquals(Integer.toString(n).length(), Replication.digits(n), "digits of " + n);
        }
    }

    @Test
    void respLengthIsTheLengthOfTheEncodedCommand() {
        byte[][] argv = {bytes("SET"), bytes("key:1"), new byte[1234]};
        // *3\r\n$3\r\nSET\r\n$5\r\nkey:1\r\n$1234\r\n<1234 bytes>\r\n
        long expected = "*3\r\n".length() + "$3\r\nSET\r\n".length() + "$5\r\nkey:1\r\n".length()
                + "$1234\r\n".length() + 1234 + 2;
        assertEquals(expected, Replication.respLength(argv));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
