package org.slotscope.resp;

import org.slotscope.testsupport.Escapes;
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
                request = Escapes.unescape(line.substring(9));
            } else if (line.startsWith("reply: ")) {
                reply = Escapes.unescape(line.substring(7));
            } else if (line.startsWith("closed: ")) {
                cases.put(name, new Case(name, request, reply, line.substring(8).equals("yes")));
            }
        }
        return cases;
    }

    static List<Case> all(String file) {
        return new ArrayList<>(load(file).values());
    }

}
