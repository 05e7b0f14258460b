package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Arity, flags, key positions, group and summary of the data commands, as COMMAND INFO / DOCS report them. */
class CommandTableMetadataTest {
    @Test
    void dataCommandsDeclareWhatRedis7CommandInfoReports() throws IOException {
        CommandTable table = CommandTable.standard();
        List<String> differences = new ArrayList<>();
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/redis7/data/command-info.txt")) {
            assertNotNull(in);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] halves = line.split(" \\| ", 2);
                String[] f = halves[0].split(" ");
                CommandSpec spec = table.lookup(f[0]);
                if (spec == null) {
                    differences.add(f[0] + ": missing");
                    continue;
                }
                TreeSet<String> flags = new TreeSet<>();
                for (CommandFlag flag : spec.flags()) {
                    flags.add(flag.redisName());
                }
                String expected = String.join(" ", f[1], new TreeSet<>(List.of(f[2].split(","))).toString(), f[3],
                        f[4], f[5], f[6], halves[1]);
                String actual = String.join(" ", Integer.toString(spec.arity()), flags.toString(),
                        Integer.toString(spec.firstKey()), Integer.toString(spec.lastKey()),
                        Integer.toString(spec.keyStep()), spec.group(), spec.summary());
                if (!expected.equals(actual)) {
                    differences.add(f[0].toUpperCase(Locale.ROOT) + "\n  redis: " + expected + "\n  sim:   " + actual);
                }
                checked++;
            }
        }
        assertEquals(88, checked, "every data command of the brief is listed");
        assertEquals("", String.join("\n", differences));
    }

    @Test
    void msetKeysAreEveryOtherArgument() {
        CommandSpec mset = CommandTable.standard().lookup("mset");
        byte[][] argv = {Args.bytes("MSET"), Args.bytes("a"), Args.bytes("1"), Args.bytes("b"), Args.bytes("2")};
        assertEquals(List.of(1, 3), java.util.Arrays.stream(mset.keyIndexes(argv)).boxed().toList());
    }
}
