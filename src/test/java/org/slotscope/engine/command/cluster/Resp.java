package org.slotscope.engine.command.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slotscope.engine.command.Reply;

/**
 * Test-side RESP2/RESP3 support for comparing the simulator's replies with raw replies captured
 * from a real Redis 7.0.15: an encoder for {@link Reply} (the same wire rules the RESP server
 * follows), a parser for captured bytes, and a tree that can be normalised and written back with
 * recomputed lengths.
 */
final class Resp {
    private Resp() {
    }

    /** One RESP value. {@code type} is the RESP prefix character; maps keep key, value, key, value. */
    record Node(char type, String text, List<Node> children) {
        static Node leaf(char type, String text) {
            return new Node(type, text, List.of());
        }

        Node withText(String newText) {
            return new Node(type, newText, children);
        }

        Node withChildren(List<Node> newChildren) {
            return new Node(type, text, newChildren);
        }

        boolean isAggregate() {
            return type == '*' || type == '%' || type == '~';
        }
    }

    // ---- Reply -> tree ------------------------------------------------------------------------

    static Node encode(Reply reply, int protocol) {
        if (reply instanceof Reply.SimpleString s) {
            return Node.leaf('+', s.value());
        } else if (reply instanceof Reply.Error e) {
            return Node.leaf('-', e.message());
        } else if (reply instanceof Reply.IntegerReply i) {
            return Node.leaf(':', Long.toString(i.value()));
        } else if (reply instanceof Reply.BulkString b) {
            return Node.leaf('$', b.asString());
        } else if (reply instanceof Reply.VerbatimString v) {
            return Node.leaf(protocol == 3 ? '=' : '$', v.text());
        } else if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return protocol == 3 ? Node.leaf('_', "") : Node.leaf(reply instanceof Reply.Nil ? '$' : '*', null);
        } else if (reply instanceof Reply.ArrayReply a) {
            return new Node('*', null, encodeAll(a.elements(), protocol));
        } else if (reply instanceof Reply.MapReply m) {
            return new Node(protocol == 3 ? '%' : '*', null, encodeAll(m.keysAndValues(), protocol));
        } else if (reply instanceof Reply.SetReply s) {
            return new Node(protocol == 3 ? '~' : '*', null, encodeAll(s.elements(), protocol));
        }
        throw new IllegalArgumentException("not used by CLUSTER replies: " + reply);
    }

    private static List<Node> encodeAll(List<Reply> replies, int protocol) {
        List<Node> out = new ArrayList<>();
        for (Reply r : replies) {
            out.add(encode(r, protocol));
        }
        return out;
    }

    // ---- tree -> bytes ------------------------------------------------------------------------

    static String write(Node node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(Node n, StringBuilder out) {
        switch (n.type()) {
            case '+', '-', ':' -> out.append(n.type()).append(n.text()).append("\r\n");
            case '_' -> out.append("_\r\n");
            case '$' -> {
                if (n.text() == null) {
                    out.append("$-1\r\n");
                } else {
                    out.append('$').append(utf8Length(n.text())).append("\r\n").append(n.text()).append("\r\n");
                }
            }
            case '=' -> out.append('=').append(utf8Length(n.text()) + 4).append("\r\ntxt:").append(n.text())
                    .append("\r\n");
            case '*', '~', '%' -> {
                if (n.text() == null && n.children() == null) {
                    out.append("*-1\r\n");
                    return;
                }
                int count = n.type() == '%' ? n.children().size() / 2 : n.children().size();
                out.append(n.type()).append(count).append("\r\n");
                for (Node child : n.children()) {
                    write(child, out);
                }
            }
            default -> throw new IllegalArgumentException("type " + n.type());
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---- bytes -> tree ------------------------------------------------------------------------

    static Node parse(String resp) {
        int[] at = {0};
        Node node = parse(resp, at);
        if (at[0] != resp.length()) {
            throw new IllegalArgumentException("trailing bytes after one reply: " + resp.substring(at[0]));
        }
        return node;
    }

    private static Node parse(String s, int[] at) {
        char type = s.charAt(at[0]);
        int eol = s.indexOf("\r\n", at[0]);
        String head = s.substring(at[0] + 1, eol);
        at[0] = eol + 2;
        switch (type) {
            case '+', '-', ':':
                return Node.leaf(type, head);
            case '_':
                return Node.leaf('_', "");
            case '$', '=': {
                int len = Integer.parseInt(head);
                if (len < 0) {
                    return Node.leaf('$', null);
                }
                byte[] rest = s.substring(at[0]).getBytes(StandardCharsets.UTF_8);
                String body = new String(rest, 0, len, StandardCharsets.UTF_8);
                at[0] += body.length() + 2;
                return Node.leaf(type, type == '=' ? body.substring(4) : body);
            }
            case '*', '~', '%': {
                int count = Integer.parseInt(head);
                int elements = type == '%' ? count * 2 : count;
                List<Node> children = new ArrayList<>();
                for (int i = 0; i < elements; i++) {
                    children.add(parse(s, at));
                }
                return new Node(type, null, children);
            }
            default:
                throw new IllegalArgumentException("unknown RESP type " + type);
        }
    }

    // ---- normalisation helpers ------------------------------------------------------------------

    /** Applies {@code f} to the text of every string-like leaf. */
    static Node mapText(Node n, UnaryOperator<String> f) {
        if (n.isAggregate()) {
            List<Node> out = new ArrayList<>();
            for (Node c : n.children()) {
                out.add(mapText(c, f));
            }
            return n.withChildren(out);
        }
        if (n.text() == null || n.type() == ':' || n.type() == '_') {
            return n;
        }
        return n.withText(f.apply(n.text()));
    }

    static String replaceAll(String text, Map<String, String> replacements) {
        String out = text;
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Sorts an aggregate's elements by their serialised form (for replies in hash-table order). */
    static Node sortElements(Node n) {
        List<Node> sorted = new ArrayList<>(n.children());
        sorted.sort(Comparator.comparing(Resp::write));
        return n.withChildren(sorted);
    }

    /**
     * CLUSTER NODES text normalised for comparison: ping-sent and pong-received become "<ping>" and
     * "<pong>" (wall-clock ms on a real server, virtual ms here); lines are sorted (Redis prints them
     * in its nodes hash-table order).
     */
    static String normaliseNodesLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", -1);
            f[4] = "<ping>";
            f[5] = "<pong>";
            lines.add(String.join(" ", f));
        }
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }

    /** Reads a fixture: the bytes after the "---" line that ends the comment header. */
    static String fixture(String name) {
        String path = "/redis7/cluster/" + name;
        try (InputStream in = Resp.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            String all = buffer.toString(StandardCharsets.UTF_8);
            int marker = all.indexOf("\n---\n");
            if (marker < 0) {
                throw new IllegalStateException(path + " has no '---' line after its header");
            }
            return all.substring(marker + 5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
