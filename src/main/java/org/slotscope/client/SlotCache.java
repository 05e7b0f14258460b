package org.slotscope.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;

/**
 * The client's map of which node serves each slot, as Jedis keeps it (JedisClusterInfoCache): loaded
 * from CLUSTER SLOTS, patched by a MOVED. It can be wrong (that is what MOVED is for); it is never
 * consulted for ASK, which redirects one command only.
 */
final class SlotCache {
    private final String[] masters = new String[HashSlot.SLOTS];
    private final List<List<String>> replicas = new ArrayList<>(HashSlot.SLOTS);

    SlotCache() {
        for (int i = 0; i < HashSlot.SLOTS; i++) {
            replicas.add(List.of());
        }
    }

    String master(int slot) {
        return masters[slot];
    }

    List<String> replicas(int slot) {
        return replicas.get(slot);
    }

    /** A MOVED names the new owner of one slot (Jedis's discoverClusterSlots... is the full refresh). */
    void moved(int slot, String address) {
        masters[slot] = address;
        replicas.set(slot, List.of());
    }

    /**
     * Replaces everything with a CLUSTER SLOTS reply: [[start, end, [host, port, id, ...], replicas...], ...].
     * Returns every address it names, masters first, in reply order.
     */
    Set<String> load(Reply slotsReply) {
        if (!(slotsReply instanceof Reply.ArrayReply ranges)) {
            throw new IllegalArgumentException("CLUSTER SLOTS did not answer with an array: " + slotsReply);
        }
        Arrays.fill(masters, null);
        for (int i = 0; i < HashSlot.SLOTS; i++) {
            replicas.set(i, List.of());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Reply range : ranges.elements()) {
            List<Reply> fields = ((Reply.ArrayReply) range).elements();
            int first = (int) ((Reply.IntegerReply) fields.get(0)).value();
            int last = (int) ((Reply.IntegerReply) fields.get(1)).value();
            String master = address(fields.get(2));
            List<String> copies = new ArrayList<>();
            for (int r = 3; r < fields.size(); r++) {
                copies.add(address(fields.get(r)));
            }
            List<String> frozen = List.copyOf(copies);
            for (int slot = first; slot <= last; slot++) {
                masters[slot] = master;
                replicas.set(slot, frozen);
            }
            seen.add(master);
            seen.addAll(frozen);
        }
        return seen;
    }

    private static String address(Reply node) {
        List<Reply> fields = ((Reply.ArrayReply) node).elements();
        String host = text(fields.get(0));
        long port = ((Reply.IntegerReply) fields.get(1)).value();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String text(Reply reply) {
        String text = Reply.text(reply);
        if (text == null) {
            throw new IllegalArgumentException("not a string in CLUSTER SLOTS: " + reply);
        }
        return text;
    }
}
