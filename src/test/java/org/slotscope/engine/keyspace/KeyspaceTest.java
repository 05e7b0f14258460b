package org.slotscope.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.slot.HashSlot;

class KeyspaceTest {
    private long now;
    private final Keyspace keyspace = new Keyspace(() -> now);

    private static StringValue value(String s) {
        return new StringValue(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsAndListsKeysPerSlot() {
        for (int i = 0; i < 10; i++) {
            keyspace.set(Key.of("{tag}k" + i), value("v"));
        }
        keyspace.set(Key.of("other"), value("v"));
        int slot = HashSlot.of("tag");
        assertEquals(10, keyspace.countInSlot(slot));
        assertEquals(3, keyspace.keysInSlot(slot, 3).size());
        assertEquals(10, keyspace.keysInSlot(slot, 100).size());
        assertEquals(11, keyspace.size());
        keyspace.delete(Key.of("{tag}k0"));
        assertEquals(9, keyspace.countInSlot(slot));
        assertEquals(10, keyspace.size());
    }

    @Test
    void keysExpireOnTheVirtualClockLazilyAndActively() {
        keyspace.set(Key.of("lazy"), value("v"));
        keyspace.setExpireAt(Key.of("lazy"), 100);
        keyspace.set(Key.of("active"), value("v"));
        keyspace.setExpireAt(Key.of("active"), 50);
        now = 99;
        assertNotNull(keyspace.get(Key.of("lazy")));
        now = 100; // keyIsExpired: alive through its expiry millisecond
        assertNotNull(keyspace.get(Key.of("lazy")));
        now = 101;
        assertNull(keyspace.get(Key.of("lazy")));
        assertEquals(1, keyspace.activeExpireCycle(10));
        assertEquals(0, keyspace.size());
        assertEquals(2, keyspace.expiredKeys());
    }

    @Test
    void setDropsTheTtlAndPutKeepsIt() {
        keyspace.set(Key.of("k"), value("1"));
        keyspace.setExpireAt(Key.of("k"), 1000);
        keyspace.put(Key.of("k"), value("2"));
        assertEquals(1000, keyspace.expireAt(Key.of("k")));
        keyspace.set(Key.of("k"), value("3"));
        assertEquals(-1, keyspace.expireAt(Key.of("k")));
    }

    @Test
    void aStaleExpiryEntryDoesNotDeleteAKeyWhoseTtlChanged() {
        keyspace.set(Key.of("k"), value("v"));
        keyspace.setExpireAt(Key.of("k"), 10);
        keyspace.setExpireAt(Key.of("k"), 1000);
        now = 20;
        assertEquals(0, keyspace.activeExpireCycle(10));
        assertNotNull(keyspace.get(Key.of("k")));
    }

    @Test
    void scanReturnsEveryKeyExactlyOnceAcrossPages() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keyspace.set(Key.of("key:" + i), value("v"));
            expected.add("key:" + i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int pages = 0;
        do {
            Keyspace.ScanPage page = keyspace.scan(cursor, 10);
            for (Key k : page.keys()) {
                assertTrue(seen.add(k.toString()), "returned twice: " + k);
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != 0);
        assertEquals(expected, seen);
        assertTrue(pages > 10, "SCAN should page, got " + pages + " pages");
    }

    @Test
    void flushSlotRemovesOnlyThatSlot() {
        keyspace.set(Key.of("{a}1"), value("v"));
        keyspace.set(Key.of("{a}2"), value("v"));
        keyspace.set(Key.of("{b}1"), value("v"));
        assertEquals(2, keyspace.flushSlot(HashSlot.of("a")));
        assertEquals(List.of(Key.of("{b}1")), keyspace.allKeys());
    }
}
