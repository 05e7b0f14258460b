package org.slotscope.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The few terminal behaviours redis-cli's line editor (linenoise) relies on, enough to know what a
 * person would see on the screen: printable characters overwrite at the cursor, CR moves to column 0,
 * LF ends the line, ESC[nC / ESC[nD move the cursor, ESC[0K erases to the end of the line, colours
 * (ESC[...m) are ignored, and ESC[6n (a cursor position request) is answered as a terminal would.
 *
 * <p>linenoise redraws the whole line (prompt, what was typed, and a grey hint) after every key, so
 * the raw output holds every intermediate state; only the state when the line ends stays on screen.
 * Each ended line also keeps the hint that was shown just before Enter (linenoise's last refresh
 * drops it, see refreshLine / linenoiseEdit's ENTER case in Redis's deps/linenoise).
 *
 * <p>Bytes are fed one at a time, so an escape sequence split across two reads is still understood.
 * Output is taken as ISO-8859-1 (one char per byte): everything the tests print is ASCII.
 */
public final class TerminalScreen {
    /** A line that has ended (LF), and the hint shown after it just before Enter ("" if none). */
    public record Line(String text, String hint) {
    }

    private enum State { TEXT, ESCAPE, CSI }

    private final int columns;
    private final Consumer<String> answerback;
    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    /** What the current line looked like at each CR: the refreshes before the last one show the hint. */
    private final List<String> renderings = new ArrayList<>();
    private final StringBuilder parameters = new StringBuilder();
    private State state = State.TEXT;
    private int cursor;

    /**
     * @param columns the terminal's width (the cursor never goes past it)
     * @param answerback receives what the terminal sends back (the answer to ESC[6n)
     */
    public TerminalScreen(int columns, Consumer<String> answerback) {
        this.columns = columns;
        this.answerback = answerback;
    }

    public void feed(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            feed((char) (bytes[i] & 0xff));
        }
    }

    public void feed(String text) {
        for (int i = 0; i < text.length(); i++) {
            feed(text.charAt(i));
        }
    }

    /** The lines that have ended, oldest first. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The line the cursor is on, as shown now (after a prompt: the prompt). */
    public String current() {
        return current.toString();
    }

    private void feed(char c) {
        switch (state) {
            case TEXT -> text(c);
            case ESCAPE -> {
                // ESC [ starts a control sequence; any other escape is one more character, ignored
                state = c == '[' ? State.CSI : State.TEXT;
                parameters.setLength(0);
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    state = State.TEXT;
                    control(c, parameters.toString());
                } else {
                    parameters.append(c);
                }
            }
        }
    }

    private void text(char c) {
        switch (c) {
            case 0x1b -> state = State.ESCAPE;
            case '\r' -> {
                renderings.add(current.toString());
                cursor = 0;
            }
            case '\n' -> endLine();
            case '\b' -> cursor = Math.max(0, cursor - 1);
            default -> {
                if (c >= ' ' && c != 0x7f) {
                    put(c);
                }
            }
        }
    }

    private void put(char c) {
        while (current.length() < cursor) {
            current.append(' ');
        }
        if (cursor < current.length()) {
            current.setCharAt(cursor, c);
        } else {
            current.append(c);
        }
        cursor = Math.min(cursor + 1, columns - 1);
    }

    private void control(char command, String parameter) {
        int n = parameter.isEmpty() || !parameter.chars().allMatch(Character::isDigit) ? 1 : Integer.parseInt(parameter);
        switch (command) {
            case 'C' -> cursor = Math.min(cursor + n, columns - 1);
            case 'D' -> cursor = Math.max(cursor - n, 0);
            case 'K' -> {
                // 0 (or nothing): from the cursor to the end of the line, the only erase linenoise sends
                if (parameter.isEmpty() || parameter.equals("0")) {
                    current.setLength(Math.min(cursor, current.length()));
                }
            }
            case 'n' -> {
                if (parameter.equals("6")) {
                    // linenoise's getCursorPosition: "ESC [ rows ; cols R", 1-based
                    answerback.accept("\u001b[" + (lines.size() + 1) + ";" + (cursor + 1) + "R");
                }
            }
            default -> {
                // colours (m) and anything else change nothing a test reads
            }
        }
    }

    private void endLine() {
        String text = current.toString();
        String hint = "";
        for (int i = renderings.size() - 1; i >= 0; i--) {
            String shown = renderings.get(i);
            if (shown.length() > text.length() && shown.startsWith(text)) {
                hint = shown.substring(text.length());
                break;
            }
        }
        lines.add(new Line(text, hint));
        renderings.clear();
        current.setLength(0);
        cursor = 0;
    }
}
