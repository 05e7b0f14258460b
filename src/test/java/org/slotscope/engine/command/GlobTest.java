package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void matchesLikeStringmatchlen() {
        assertTrue(Glob.matches("*", "anything", false));
        assertTrue(Glob.matches("h?llo", "hello", false));
        assertTrue(Glob.matches("h*llo", "heeeello", false));
        assertTrue(Glob.matches("h[ae]llo", "hallo", false));
        assertFalse(Glob.matches("h[ae]llo", "hillo", false));
        assertTrue(Glob.matches("h[^e]llo", "hallo", false));
        assertFalse(Glob.matches("h[^e]llo", "hello", false));
        assertTrue(Glob.matches("h[a-b]llo", "hbllo", false));
        assertTrue(Glob.matches("h\\*llo", "h*llo", false));
        assertFalse(Glob.matches("h\\*llo", "hello", false));
        assertTrue(Glob.matches("cluster-*", "cluster-node-timeout", false));
        assertTrue(Glob.matches("CLUSTER-*", "cluster-node-timeout", true));
        assertFalse(Glob.matches("CLUSTER-*", "cluster-node-timeout", false));
        assertFalse(Glob.matches("a*b", "acd", false));
        assertTrue(Glob.matches("a*", "a", false));
    }
}
