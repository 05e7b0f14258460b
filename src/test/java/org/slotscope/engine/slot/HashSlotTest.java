package org.slotscope.engine.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashSlotTest {
    @Test
    void crc16OfTheSpecificationTestVector() {
        // Redis Cluster specification, Appendix A: CRC16("123456789") = 0x31C3
        assertEquals(0x31C3, HashSlot.crc16("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void keySlotsMatchRedis() {
        // CLUSTER KEYSLOT on Redis 7.0.15
        assertEquals(12182, HashSlot.of("foo"));
        assertEquals(5061, HashSlot.of("bar"));
        assertEquals(866, HashSlot.of("hello"));
    }

    @Test
    void hashTagsShareASlot() {
        assertEquals(HashSlot.of("{user1000}.following"), HashSlot.of("{user1000}.followers"));
        assertEquals(HashSlot.of("user1000"), HashSlot.of("{user1000}.following"));
        assertEquals("user1000", HashSlot.hashTag("{user1000}.following"));
    }

    @Test
    void emptyOrUnclosedTagsHashTheWholeKey() {
        assertEquals(HashSlot.crc16("{}foo".getBytes(StandardCharsets.UTF_8)) & 16383, HashSlot.of("{}foo"));
        assertEquals(HashSlot.crc16("foo{}".getBytes(StandardCharsets.UTF_8)) & 16383, HashSlot.of("foo{}"));
        assertEquals(HashSlot.crc16("foo{bar".getBytes(StandardCharsets.UTF_8)) & 16383, HashSlot.of("foo{bar"));
        assertNull(HashSlot.hashTag("{}foo"));
        // only the first '{' counts: "{{a}}" hashes "{a"
        assertEquals(HashSlot.of("{a"), HashSlot.of("{{a}}"));
    }

    @Test
    void binaryKeysHashByBytes() {
        byte[] key = {(byte) 0xff, 0, 1, (byte) 0x80};
        int slot = HashSlot.of(key);
        assertEquals(HashSlot.crc16(key) & 16383, slot);
    }
}
