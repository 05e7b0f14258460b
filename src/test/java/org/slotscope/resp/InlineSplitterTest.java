package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InlineSplitterTest {
    private static List<String> split(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> words = InlineSplitter.split(bytes, 0, bytes.length);
        return words == null ? null
                : words.stream().map(w -> new String(w, StandardCharsets.ISO_8859_1)).collect(Collectors.toList());
    }

    @Test
    void blanksSeparateWords() {
        assertEquals(List.of("SET", "a", "b"), split("  SET\ta   b \r"));
        assertEquals(List.of(), split("   "));
    }

    @Test
    void doubleQuotesUnderstandCEscapesAndHex() {
        assertEquals(List.of("a\n\r\t\b\u0007\\\"Az"), split("\"a\\n\\r\\t\\b\\a\\\\\\\"\\x41z\""));
        assertEquals(List.of("qxzz"), split("\"\\q\\xzz\""), "unknown escapes keep the character");
        assertEquals(List.of("\u00ff"), split("\"\\xfF\""));
    }

    @Test
    void singleQuotesUnderstandOnlyEscapedSingleQuote() {
        assertEquals(List.of("it's \\n"), split("'it\\'s \\n'"));
    }

    @Test
    void quotesMayStartInsideAWordAndEmptyQuotesGiveAnEmptyWord() {
        assertEquals(List.of("ECHO", "ab c"), split("ECHO a\"b c\""));
        assertEquals(List.of("ECHO", ""), split("ECHO \"\""));
    }

    @Test
    void verticalTabAndFormFeedBelongToABareWord() {
        assertEquals(List.of("a\u000bb", "c\fd"), split("a\u000bb c\fd"));
    }

    @Test
    void unbalancedOrGluedQuotesAreRejected() {
        assertNull(split("\"abc"));
        assertNull(split("'abc"));
        assertNull(split("\"a\"b"));
        assertNull(split("'a'b"));
        assertNull(split("\"abc\\"));
    }
}
