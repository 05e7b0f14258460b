package org.slotscope.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgSplitterTest {
    private static List<String> words(String line) {
        return ArgSplitter.split(line).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void splitsLikeSdssplitargs() {
        assertEquals(List.of("SET", "foo", "bar"), words("  SET foo   bar "));
        assertEquals(List.of("SET", "k", "a b"), words("SET k \"a b\""));
        assertEquals(List.of("SET", "k", "line\nnext\u0001"), words("SET k \"line\\nnext\\x01\""));
        assertEquals(List.of("SET", "k", "it's"), words("SET k 'it\\'s'"));
        assertEquals(List.of("SET", "k", "a\\nb"), words("SET k 'a\\nb'"));
        assertEquals(List.of("GET", "\u4e2d\u6587"), words("GET \u4e2d\u6587"));
        assertEquals(List.of(), words("   "));
    }

    @Test
    void unbalancedOrGluedQuotesAreInvalidAsInRedisCli() {
        assertNull(ArgSplitter.split("SET k \"open"));
        assertNull(ArgSplitter.split("SET k 'open"));
        assertNull(ArgSplitter.split("SET k \"a\"b"));
    }
}
