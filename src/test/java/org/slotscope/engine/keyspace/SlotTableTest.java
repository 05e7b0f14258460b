package org.slotscope.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotTableTest {
    private final SlotTable table = new SlotTable();

    private static StringValue string(int length, int fill) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return new StringValue(b);
    }

    private static List<String> keys(SlotTable table, int limit) {
        List<String> out = new ArrayList<>();
        table.forEachKey(limit, k -> out.add(k.toString()));
        return out;
    }

    @Test
    void shortStringsComeBackAsEqualCopiesAndLongOnesAsTheSameObject() {
        StringValue small = new StringValue("hello".getBytes(StandardCharsets.UTF_8));
        StringValue big = string(SlotTable.INLINE_STRING_MAX + 1, 'x');
        assertTrue(table.put(Key.of("a"), small));
        assertTrue(table.put(Key.of("b"), big));
        StringValue read = (StringValue) table.get(Key.of("a"));
        assertArrayEquals(small.value(), read.value());
        assertSame(big, table.get(Key.of("b")));
        assertNull(table.get(Key.of("c")));
        assertEquals(2, table.size());
    }

    @Test
    void mutableValuesAreStoredByReference() {
        ListValue list = new ListValue();
        table.put(Key.of("l"), list);
        assertSame(list, table.get(Key.of("l")));
        table.put(Key.of("l"), new StringValue(new byte[] {1})); // a type change replaces the record
        assertInstanceOf(StringValue.class, table.get(Key.of("l")));
        assertEquals(1, table.size());
    }

    @Test
    void replacingAValueOfAnotherLengthKeepsTheKeyAndItsPlace() {
        table.put(Key.of("first"), string(3, 'a'));
        table.put(Key.of("second"), string(3, 'b'));
        assertFalse(table.put(Key.of("first"), string(3, 'c'))); // same length: in place
        assertFalse(table.put(Key.of("first"), string(10, 'd')));
        assertFalse(table.put(Key.of("first"), string(0, 'e')));
        assertEquals(0, ((StringValue) table.get(Key.of("first"))).value().length);
        assertArrayEquals(string(3, 'b').value(), ((StringValue) table.get(Key.of("second"))).value());
        assertEquals(List.of("first", "second"), keys(table, 10));
        assertEquals(List.of("first"), keys(table, 1));
    }

    @Test
    void readBackKeysHashLikeFreshOnes() {
        table.put(Key.of("k"), string(1, 'v'));
        List<Key> out = new ArrayList<>();
        table.forEachKey(1, out::add);
        assertEquals(Key.of("k"), out.get(0));
        assertEquals(Key.of("k").hashCode(), out.get(0).hashCode());
    }

    /** Random puts, replaces and removes against a LinkedHashMap: contents and insertion order agree. */
    @Test
    void agreesWithAMapThroughGrowthDeletesAndCompaction() {
        Random random = new Random(42);
        Map<String, byte[]> model = new LinkedHashMap<>();
        for (int step = 0; step < 200_000; step++) {
            String name = "key:" + random.nextInt(3000);
            Key key = Key.of(name);
            int op = random.nextInt(10);
            if (op < 5) {
                byte[] value = new byte[random.nextInt(random.nextInt(20) == 0 ? 600 : 30)];
                random.nextBytes(value);
                boolean isNew = !model.containsKey(name);
                model.put(name, value); // a LinkedHashMap keeps a key's first place, as the table does
                assertEquals(isNew, table.put(key, new StringValue(value.clone())));
            } else if (op < 8) {
                assertEquals(model.remove(name) != null, table.remove(key));
            } else {
                byte[] expected = model.get(name);
                RedisValue got = table.get(key);
                if (expected == null) {
                    assertNull(got);
                } else {
                    assertArrayEquals(expected, ((StringValue) got).value());
                }
            }
            assertEquals(model.size(), table.size());
        }
        assertEquals(new ArrayList<>(model.keySet()), keys(table, Integer.MAX_VALUE));
        for (Map.Entry<String, byte[]> entry : model.entrySet()) {
            assertArrayEquals(entry.getValue(), ((StringValue) table.get(Key.of(entry.getKey()))).value());
        }
        for (String name : new ArrayList<>(model.keySet())) {
            assertTrue(table.remove(Key.of(name)));
        }
        assertEquals(0, table.size());
        assertEquals(List.of(), keys(table, 10));
    }

    @Test
    void manyKeysInOneSlotStayFindable() {
        for (int i = 0; i < 200_000; i++) {
            table.put(Key.of("{t}" + i), string(1, i));
        }
        for (int i = 0; i < 200_000; i += 7) {
            assertEquals((byte) i, ((StringValue) table.get(Key.of("{t}" + i))).value()[0]);
        }
        assertEquals(200_000, table.size());
    }
}
