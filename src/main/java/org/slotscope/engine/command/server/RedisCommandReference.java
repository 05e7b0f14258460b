package org.slotscope.engine.command.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.command.Reply;

/**
 * What Redis 7.0.15 itself says about its commands: the COMMAND DOCS and COMMAND replies of a real
 * server, stored as RESP3 resources. The command table records what the simulator implements
 * (name, arity, flags, key positions); the documentation (since, complexity, arguments, history),
 * ACL categories, tips and key specs of those commands come from here, so redis-cli's hints and
 * COMMAND DOCS read as they do against Redis. Parsed once, on first use.
 */
final class RedisCommandReference {
    private static final String DOCS = "redis-7.0.15-command-docs.resp3";
    private static final String INFO = "redis-7.0.15-command-info.resp3";

    private static volatile RedisCommandReference loaded;

    /** fullName ("get", "config|get") -> its COMMAND DOCS map, subcommands included at each level. */
    private final Map<String, Reply.MapReply> docs = new HashMap<>();
    /** fullName -> its 10-element COMMAND INFO entry. */
    private final Map<String, Reply.ArrayReply> info = new HashMap<>();

    private RedisCommandReference() {
        Reply.MapReply allDocs = (Reply.MapReply) parse(DOCS);
        indexDocs(allDocs);
        Reply.ArrayReply allInfo = (Reply.ArrayReply) parse(INFO);
        indexInfo(allInfo);
    }

    static RedisCommandReference get() {
        RedisCommandReference ref = loaded;
        if (ref == null) {
            synchronized (RedisCommandReference.class) {
                ref = loaded;
                if (ref == null) {
                    ref = new RedisCommandReference();
                    loaded = ref;
                }
            }
        }
        return ref;
    }

    /** The docs map of a command, or null when Redis 7.0.15 has no such command. */
    Reply.MapReply docs(String fullName) {
        return docs.get(fullName);
    }

    /** The COMMAND INFO entry of a command, or null. */
    Reply.ArrayReply info(String fullName) {
        return info.get(fullName);
    }

    private void indexDocs(Reply.MapReply map) {
        List<Reply> kv = map.keysAndValues();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            String name = ((Reply.BulkString) kv.get(i)).asString();
            Reply.MapReply doc = (Reply.MapReply) kv.get(i + 1);
            docs.put(name, doc);
            Reply subs = field(doc, "subcommands");
            if (subs instanceof Reply.MapReply subMap) {
                indexDocs(subMap);
            }
        }
    }

    private void indexInfo(Reply.ArrayReply entries) {
        for (Reply entry : entries.elements()) {
            Reply.ArrayReply command = (Reply.ArrayReply) entry;
            info.put(((Reply.BulkString) command.elements().get(0)).asString(), command);
            Reply subs = command.elements().get(9);
            if (subs instanceof Reply.ArrayReply subArray) {
                indexInfo(subArray);
            }
        }
    }

    /** A field of a RESP3 map reply, or null. */
    static Reply field(Reply.MapReply map, String name) {
        List<Reply> kv = map.keysAndValues();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            if (kv.get(i) instanceof Reply.BulkString key && key.asString().equals(name)) {
                return kv.get(i + 1);
            }
        }
        return null;
    }

    private static Reply parse(String resource) {
        byte[] bytes;
        try (InputStream in = RedisCommandReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        Reader reader = new Reader(bytes);
        reader.skipCommentHeader();
        return reader.read();
    }

    /** A RESP3 reader for the types these two replies use. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        void skipCommentHeader() {
            while (pos + 1 < b.length && b[pos] == '/' && b[pos + 1] == '/') {
                while (b[pos] != '\n') {
                    pos++;
                }
                pos++;
            }
        }

        Reply read() {
            char type = (char) b[pos++];
            String line = line();
            switch (type) {
                case '+':
                    return Reply.simple(line);
                case ':':
                    return Reply.integer(Long.parseLong(line));
                case '_':
                    return Reply.NIL;
                case '$': {
                    int n = Integer.parseInt(line);
                    byte[] value = java.util.Arrays.copyOfRange(b, pos, pos + n);
                    pos += n + 2;
                    return Reply.bulk(value);
                }
                case '*':
                case '~':
                case '%': {
                    int n = Integer.parseInt(line) * (type == '%' ? 2 : 1);
                    List<Reply> elements = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        elements.add(read());
                    }
                    return type == '*' ? new Reply.ArrayReply(Collections.unmodifiableList(elements))
                            : type == '~' ? new Reply.SetReply(Collections.unmodifiableList(elements))
                            : new Reply.MapReply(Collections.unmodifiableList(elements));
                }
                default:
                    throw new IllegalStateException("unexpected RESP3 type '" + type + "' at " + (pos - 1));
            }
        }

        private String line() {
            int start = pos;
            while (b[pos] != '\r') {
                pos++;
            }
            String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
            pos += 2;
            return s;
        }
    }
}
