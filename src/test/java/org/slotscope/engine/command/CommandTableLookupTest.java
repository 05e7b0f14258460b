package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CommandTableLookupTest {
    private final CommandTable table = CommandTable.standard();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandIsFoundByItsBytesInAnyCase() {
        for (CommandSpec spec : table.all()) {
            String name = spec.name();
            assertSame(spec, table.lookup(bytes(name)), name);
            assertSame(spec, table.lookup(bytes(name.toUpperCase(Locale.ROOT))), name);
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
            }
            assertSame(spec, table.lookup(bytes(mixed.toString())), mixed.toString());
            assertSame(table.lookup(name), table.lookup(bytes(name)), "the String lookup agrees: " + name);
        }
    }

    @Test
    void unknownNamesAreNotFound() {
        assertNull(table.lookup(bytes("")));
        assertNull(table.lookup(bytes("sett")));
        assertNull(table.lookup(bytes("se")));
        assertNull(table.lookup(bytes("s\u00e9t")), "non-ASCII never matches");
        assertNull(table.lookup(bytes("SE@")), "the bytes next to A and Z do not fold");
        assertNull(table.lookup(bytes("SE[")));
        assertNull(table.lookup(bytes("no-such-command")));
    }
}
