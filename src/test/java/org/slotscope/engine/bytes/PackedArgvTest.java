package org.slotscope.engine.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackedArgvTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void argumentsOfEveryLengthComeBackAsPacked() {
        byte[] big = new byte[70_000]; // a three-byte length
        big[69_999] = 7;
        byte[][] argv = {text("SET"), new byte[0], new byte[127], new byte[128], big};
        byte[] packed = PackedArgv.pack(argv);
        assertEquals(1 + 1 + 3 + 1 + 1 + 127 + 2 + 128 + 3 + 70_000, packed.length);
        byte[][] back = PackedArgv.unpack(packed);
        assertEquals(argv.length, back.length);
        for (int i = 0; i < argv.length; i++) {
            assertArrayEquals(argv[i], back[i]);
        }
        assertEquals(5, PackedArgv.count(packed));
        assertEquals(0, PackedArgv.unpack(PackedArgv.pack(new byte[0][])).length);
    }

    @Test
    void headReadsOnlyTheFirstArguments() {
        byte[] packed = PackedArgv.pack(new byte[][] {text("RESTORE-ASKING"), text("k"), text("0"), text("payload")});
        assertEquals("RESTORE-ASKING", PackedArgv.head(packed, 1));
        assertEquals("RESTORE-ASKING k 0", PackedArgv.head(packed, 3));
        assertEquals("RESTORE-ASKING k 0 payload", PackedArgv.head(packed, 10));
        assertEquals("", PackedArgv.head(PackedArgv.pack(new byte[0][]), 1));
    }

    @Test
    void varintsTakeSevenBitsAByte() {
        byte[] out = new byte[5];
        for (int value : new int[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
            int end = Varint.write(out, 0, value);
            assertEquals(Varint.size(value), end);
            assertEquals(value, Varint.read(out, 0));
        }
        assertEquals(5, Varint.size(Integer.MAX_VALUE));
    }
}
