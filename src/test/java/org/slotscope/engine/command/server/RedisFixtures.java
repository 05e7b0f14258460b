package org.slotscope.engine.command.server;

import org.slotscope.testsupport.Escapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the captured real-server replies under src/test/resources/redis7/server/. */
final class RedisFixtures {
    private RedisFixtures() {
    }

    /** One captured exchange: protocol, the command's arguments, the exact reply bytes. */
    record Exchange(int protocol, byte[][] argv, byte[] reply, String command) {
        @Override
        public String toString() {
            return "RESP" + protocol + " " + command;
        }
    }

    /** The text of a fixture without its "//" comment header. */
    static String text(String name) {
        try (InputStream in = RedisFixtures.class.getResourceAsStream("/redis7/server/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            StringBuilder out = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.startsWith("//")) {
                    out.append(line).append('\n');
                }
            }
            String s = out.toString();
            return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "proto N | args => reply" lines. */
    static List<Exchange> exchanges(String name) {
        List<Exchange> out = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf(" | ");
            int arrow = line.indexOf(" => ");
            int proto = Integer.parseInt(line.substring("proto ".length(), bar));
            String command = line.substring(bar + 3, arrow);
            String[] words = command.split(" ");
            byte[][] argv = new byte[words.length][];
            for (int i = 0; i < words.length; i++) {
                argv[i] = Escapes.unescape(words[i]);
            }
            out.add(new Exchange(proto, argv, Escapes.unescape(line.substring(arrow + 4)), command));
        }
        return out;
    }

}
