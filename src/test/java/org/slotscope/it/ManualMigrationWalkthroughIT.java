package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * The README's walk-through: a manual slot migration done with the real redis-cli, exactly as a
 * Redis tutorial does it (SETSLOT IMPORTING on the target, MIGRATING on the source,
 * GETKEYSINSLOT, MIGRATE ... KEYS, -ASK for a moved key and a served reply for a key not yet
 * moved, SETSLOT NODE on every master, then -MOVED, and `redis-cli -c` following both).
 *
 * <p>The expected output is a transcript recorded against a real Redis 7.0.15 cluster
 * (src/test/resources/redis7/walkthrough/manual-migration.txt). The same transcript is replayed
 * against `slotscope serve` and against a real cluster started by the test, so neither the
 * simulator nor the recording can drift from Redis unnoticed.
 *
 * <p>Accepted difference, the only one: the order in which CLUSTER GETKEYSINSLOT lists keys (Redis
 * returns its hash table's order), so that reply is compared as a set of lines.
 */
class ManualMigrationWalkthroughIT {
    private static final String TRANSCRIPT = "/redis7/walkthrough/manual-migration.txt";

    private record Step(String command, String expected) {
    }

    @Test
    void walkThroughOnTheSimulator() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3", "--replicas", "0")) {
            replay(cli, serve::port);
        }
    }

    @Test
    void walkThroughOnARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) {
            replay(cli, real::port);
        }
    }

    private static void replay(RedisCli cli, IntUnaryOperator port) throws IOException {
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = cli.run("-p", String.valueOf(port.applyAsInt(i)), "CLUSTER", "MYID");
        }
        for (Step step : steps()) {
            List<String> args = arguments(step.command(), port, ids);
            String expected = substitute(step.expected(), port, ids);
            String actual = cli.raw(args);
            if (step.command().contains("getkeysinslot")) {
                assertEquals(expected.lines().sorted().toList(), actual.lines().sorted().toList(), step.command());
            } else {
                assertEquals(expected, actual, step.command());
            }
        }
    }

    /** "redis-cli -p C migrate 127.0.0.1 A ..." : A, B, C after -p or an IP are ports, elsewhere node ids. */
    private static List<String> arguments(String command, IntUnaryOperator port, String[] ids) {
        List<String> words = new ArrayList<>(List.of(command.split(" ")));
        words.remove(0); // "redis-cli"
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int node = "ABC".indexOf(word);
            if (word.length() == 1 && node >= 0) {
                String previous = i > 0 ? words.get(i - 1) : "";
                boolean isPort = previous.equals("-p") || previous.equals("127.0.0.1");
                args.add(isPort ? String.valueOf(port.applyAsInt(node)) : ids[node]);
            } else {
                args.add(word.equals("\"\"") ? "" : word);
            }
        }
        return args;
    }

    private static String substitute(String text, IntUnaryOperator port, String[] ids) {
        for (int i = 0; i < 3; i++) {
            String name = String.valueOf("ABC".charAt(i));
            text = text.replace("<" + name + "-port>", String.valueOf(port.applyAsInt(i)))
                    .replace("<" + name + ">", ids[i]);
        }
        return text;
    }

    private static List<Step> steps() throws IOException {
        String transcript;
        try (InputStream in = Objects.requireNonNull(ManualMigrationWalkthroughIT.class.getResourceAsStream(TRANSCRIPT),
                TRANSCRIPT)) {
            transcript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Step> steps = new ArrayList<>();
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : transcript.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    steps.add(new Step(command, output.toString()));
                }
                command = line.substring(2);
                output.setLength(0);
            } else if (command != null) {
                output.append(line).append('\n');
            }
        }
        if (command != null) {
            // the file ends with a newline: the split leaves one empty string after it
            steps.add(new Step(command, output.substring(0, output.length() - 1)));
        }
        return steps;
    }
}
