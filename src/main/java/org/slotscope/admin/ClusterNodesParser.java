package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses CLUSTER NODES (clusterGenNodesDescription's format):
 * {@code <id> <ip>:<port>@<cport>[,<hostname>] <flags> <master|-> <ping-sent> <pong-recv> <config-epoch>
 * <link-state> <slot>...}, where a slot is "n", "a-b", "[n->-id]" (migrating) or "[n-<-id]" (importing).
 */
public final class ClusterNodesParser {
    private ClusterNodesParser() {
    }

    public static List<NodeEntry> parse(String text) {
        List<NodeEntry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (!line.isEmpty()) {
                entries.add(parseLine(line));
            }
        }
        return entries;
    }

    static NodeEntry parseLine(String line) {
        String[] f = line.split(" ");
        if (f.length < 8) {
            throw new IllegalArgumentException("not a CLUSTER NODES line: " + line);
        }
        String address = f[1];
        int at = address.indexOf('@');
        String hostPort = at >= 0 ? address.substring(0, at) : address;
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        Set<String> flags = new LinkedHashSet<>(List.of(f[2].split(",")));
        String master = f[3].equals("-") ? null : f[3];
        long epoch = Long.parseLong(f[6]);
        boolean connected = f[7].equals("connected");
        BitSet slots = new BitSet();
        Map<Integer, String> migrating = new LinkedHashMap<>();
        Map<Integer, String> importing = new LinkedHashMap<>();
        for (int i = 8; i < f.length; i++) {
            String item = f[i];
            if (item.startsWith("[")) {
                String body = item.substring(1, item.length() - 1);
                int arrow = body.indexOf("->-");
                if (arrow >= 0) {
                    migrating.put(Integer.parseInt(body.substring(0, arrow)), body.substring(arrow + 3));
                } else {
                    int back = body.indexOf("-<-");
                    importing.put(Integer.parseInt(body.substring(0, back)), body.substring(back + 3));
                }
            } else {
                int dash = item.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1));
                slots.set(first, last + 1);
            }
        }
        return new NodeEntry(f[0], host, port, flags, master, epoch, connected, slots, migrating, importing);
    }
}
