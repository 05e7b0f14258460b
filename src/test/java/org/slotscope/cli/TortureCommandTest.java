package org.slotscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `torture` on the command line: the summary line, replaying one seed, the same hash twice. */
class TortureCommandTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) passed, (\\d+) failed, traces ([0-9a-f]{64}) \\([0-9.]+ s, [0-9.]+ seeds/min\\)");

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlotScopeCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, code, out + " " + err);
        return out.toString();
    }

    private static Matcher summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        assertTrue(m.find(), output);
        return m;
    }

    @Test
    void seedsRunAndTheSummaryHashesTheirTraces() {
        String first = run("torture", "--seeds", "2", "--seed", "40", "--workload-seconds", "5");
        Matcher m = summary(first);
        assertEquals("2", m.group(1));
        assertEquals("0", m.group(2));
        String again = run("torture", "--seeds", "2", "--seed", "40", "--workload-seconds", "5");
        assertEquals(m.group(3), summary(again).group(3), "same seeds, same traces");
    }

    @Test
    void aSeedAloneReplaysJustThatSeedVerbosely() {
        String output = run("torture", "--seed", "41", "--workload-seconds", "5", "-v");
        assertTrue(output.startsWith("seed 41 ("), output);
        assertTrue(output.contains("workload: "), output);
        assertEquals("1", summary(output).group(1));
    }

    @Test
    void badCountsAreRefused() {
        StringWriter err = new StringWriter();
        int code = SlotScopeCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("torture", "--seeds", "0");
        assertEquals(2, code);
        assertEquals("[ERR] --seeds must be positive: 0", err.toString().strip());
        for (String minutes : new String[] {"0", "-1"}) {
            StringWriter again = new StringWriter();
            assertEquals(2, SlotScopeCli.commandLine(new PrintWriter(new StringWriter(), true),
                    new PrintWriter(again, true)).execute("torture", "--minutes", minutes),
                    "no seed would run, and the summary would say all passed");
            assertTrue(again.toString().startsWith("[ERR] --minutes must be positive: "), again.toString());
        }
    }
}
