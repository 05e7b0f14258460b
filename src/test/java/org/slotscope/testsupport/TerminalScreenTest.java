package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalScreenTest {
    /**
     * What redis-cli 7.0.15 wrote to its terminal (under script, 200 columns) while `get foo` was typed
     * and Enter pressed at a real Redis node, cut from a recording: one redraw per key, grey hints.
     */
    private static final String RECORDED = "127.0.0.1:16403> "
            + "\r\u001b[0K127.0.0.1:16403> g\r\u001b[18C"
            + "\r\u001b[0K127.0.0.1:16403> ge\r\u001b[19C"
            + "\r\u001b[0K127.0.0.1:16403> get\u001b[0;90;49m key\u001b[0m\r\u001b[20C"
            + "\r\u001b[0K127.0.0.1:16403> get \u001b[0;90;49mkey\u001b[0m\r\u001b[21C"
            + "\r\u001b[0K127.0.0.1:16403> get f\u001b[0;90;49m \u001b[0m\r\u001b[22C"
            + "\r\u001b[0K127.0.0.1:16403> get fo\u001b[0;90;49m \u001b[0m\r\u001b[23C"
            + "\r\u001b[0K127.0.0.1:16403> get foo\u001b[0;90;49m \u001b[0m\r\u001b[24C"
            + "\r\u001b[0K127.0.0.1:16403> get foo\r\u001b[24C\r\n"
            + "-> Redirected to slot [12182] located at 127.0.0.1:16401\r\n"
            + "\"bar\"\r\n"
            + "127.0.0.1:16401> ";

    @Test
    void keepsWhatStaysOnScreenAndTheHintBeforeEnter() {
        TerminalScreen screen = new TerminalScreen(200, answer -> {
            throw new AssertionError("nothing asked: " + answer);
        });
        screen.feed(RECORDED);
        assertEquals(List.of(new TerminalScreen.Line("127.0.0.1:16403> get foo", " "),
                new TerminalScreen.Line("-> Redirected to slot [12182] located at 127.0.0.1:16401", ""),
                new TerminalScreen.Line("\"bar\"", "")), screen.lines());
        assertEquals("127.0.0.1:16401> ", screen.current());
    }

    @Test
    void anEscapeSequenceSplitAcrossReadsIsStillOne() {
        TerminalScreen screen = new TerminalScreen(200, answer -> { });
        byte[] bytes = "abc\r\u001b[0Kxy\u001b[0;90;49m hint\u001b[0m\r\u001b[2C\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            screen.feed(new byte[] {b}, 1);
        }
        assertEquals(List.of(new TerminalScreen.Line("xy hint", "")), screen.lines());
    }

    @Test
    void answersACursorPositionRequestLikeATerminal() {
        List<String> answers = new ArrayList<>();
        TerminalScreen screen = new TerminalScreen(80, answers::add);
        // linenoise's getColumns when TIOCGWINSZ says 0: ask, go far right, ask again
        screen.feed("line one\r\n> \u001b[6n\u001b[999C\u001b[6n");
        assertEquals(List.of("\u001b[2;3R", "\u001b[2;80R"), answers);
    }
}
