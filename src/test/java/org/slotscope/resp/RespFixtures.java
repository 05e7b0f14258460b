package org.slotscope.resp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the raw request/reply captures of src/test/resources/redis7/resp/ (see capture_resp.py there). */
final class RespFixtures {
    record Case(String name, byte[] request, byte[] reply, boolean closed) {
        String replyText() {
            return new String(reply, StandardCharsets.ISO_8859_1);
        }
    }

    private RespFixtures() {
    }

    static Map<String, Case> load(String file) {
        String resource = "/redis7/resp/" + file;
        String text;
        try (InputStream in = RespFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        String name = null;
        byte[] request = null;
        byte[] reply = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("name: ")) {
                name = line.substring(6);
            } else if (line.startsWith("request: ")) {
                request = unescape(line.substring(9));
            } else if (line.startsWith("reply: ")) {
                reply = unescape(line.substring(7));
            } else if (line.startsWith("closed: ")) {
                cases.put(name, new Case(name, request, reply, line.substring(8).equals("yes")));
            }
        }
        return cases;
    }

    static List<Case> all(String file) {
        return new ArrayList<>(load(file).values());
    }

    /** Python-style escapes as capture_resp.py writes them: \\ \r \n \t \xHH. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
            }
        }
        return out.toByteArray();
    }
}
