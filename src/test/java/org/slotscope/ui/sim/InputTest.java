package org.slotscope.ui.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJournaledCommandGivesBackItsArgumentsByteForByte() {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i; // every byte value, 0x80-0xFF too, and a length over 127
        }
        byte[] big = new byte[70_000]; // a length that takes three bytes
        big[69_999] = 7;
        byte[][] argv = {bytes("MIGRATE"), bytes("127.0.0.1"), bytes("7001"), new byte[0], bytes("0"),
                bytes("5000"), bytes("KEYS"), bytes("键{user:1}"), binary, big};
        Input.Command command = new Input.Command(1234, 5, argv);
        byte[][] back = command.argv();
        assertEquals(argv.length, back.length);
        for (int i = 0; i < argv.length; i++) {
            assertArrayEquals(argv[i], back[i], "argument " + i);
        }
        assertEquals(1234, command.time());
        assertEquals(5, command.session());
        assertEquals("MIGRATE", command.name());
        assertNotSame(command.argv()[0], command.argv()[0], "a caller may keep or change what it gets");
    }

    @Test
    void theCommandIsCopiedWhenJournaled() {
        byte[][] argv = {bytes("SET"), bytes("k"), bytes("v")};
        Input.Command command = new Input.Command(0, 0, argv);
        argv[2][0] = 'x';
        assertArrayEquals(bytes("v"), command.argv()[2]);
    }

    @Test
    void anEmptyCommandHasNoName() {
        Input.Command command = new Input.Command(0, 0, new byte[0][]);
        assertEquals(0, command.argv().length);
        assertEquals("", command.name());
    }
}
