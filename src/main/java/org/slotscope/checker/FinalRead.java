package org.slotscope.checker;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slotscope.client.ClusterClient;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.NodeLink;

/** Reads every key's value at the end of a run through a cluster client, from the slots' masters. */
public final class FinalRead {
    private FinalRead() {
    }

    /** @throws IllegalStateException when a key cannot be read (the cluster is not serving it) */
    public static Map<String, String> values(ClusterClient client, Collection<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            ClusterClient.Outcome outcome = client.call(NodeLink.argv("GET", key));
            if (!outcome.acknowledged()) {
                throw new IllegalStateException("cannot read " + key + " at the end: " + (outcome.reply() != null
                        ? outcome.reply() : outcome.lastError()));
            }
            values.put(key, outcome.reply() instanceof Reply.BulkString b ? b.asString() : null);
        }
        return values;
    }
}
