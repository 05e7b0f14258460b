package org.slotscope.admin;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;

/**
 * One line of CLUSTER NODES, as a node reports another (or itself): the input of check, fix and the
 * planners, parsed the same way for simulated and real nodes.
 */
public record NodeEntry(String id, String host, int port, Set<String> flags, String masterId, long configEpoch,
                        boolean connected, BitSet slots, Map<Integer, String> migrating,
                        Map<Integer, String> importing) {
    public boolean isMyself() {
        return flags.contains("myself");
    }

    public boolean isMaster() {
        return flags.contains("master");
    }

    public boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    public String address() {
        return host + ":" + port;
    }
}
