package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.NodeLink;

/**
 * The broken states `fix` repairs, each set up on a healthy 3-master cluster (node 0 owns 0-5460, node
 * 1 5461-10922, node 2 10923-16383) with Redis commands only: SETSLOT, ADDSLOTS / DELSLOTS, MIGRATE,
 * and ASKING + SET to put keys into a node that imports the slot. The slot given is one of node 0's.
 * Each says what a fix leaves behind: the slot's owner and how many of its keys each node holds. The
 * same states are used on the simulator and on a real cluster, where redis-cli's own fix is run on them
 * too; the expected outcomes below are what the real redis-cli 7.0 fix produces.
 */
enum FixScenario {
    /** A reshard stopped in the middle of a slot with half its keys moved: the tie goes back to the source. */
    KILLED_RESHARD_HALF_MOVED(0, new long[] {10, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 10);
            c.open(slot, 0, 1);
            c.migrate(0, 1, slot, 5);
        }
    },
    /** The same, stopped after 7 of 10 keys: the target holds most and becomes the owner. */
    KILLED_RESHARD_MOSTLY_MOVED(1, new long[] {0, 10, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 10);
            c.open(slot, 0, 1);
            c.migrate(0, 1, slot, 7);
        }
    },
    /** Stopped right after opening the slot, before any key moved: Case 1 finishes the move. */
    KILLED_RESHARD_NOTHING_MOVED(1, new long[] {0, 10, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 10);
            c.open(slot, 0, 1);
        }
    },
    /** MIGRATING on the owner only, its keys still there: Case 4 closes it. */
    MIGRATING_ONLY(0, new long[] {5, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 5);
            c.ok(0, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", c.id(1));
        }
    },
    /** MIGRATING on the owner, every key already moved, the target closed by hand: the keys' holder wins. */
    MIGRATING_ONLY_KEYS_MOVED(1, new long[] {0, 5, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 5);
            c.open(slot, 0, 1);
            c.migrate(0, 1, slot, 5);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "STABLE");
        }
    },
    /** IMPORTING on a node that holds no key: Case 2 has nothing to move and closes it. */
    IMPORTING_ONLY(0, new long[] {5, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 5);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", c.id(0));
        }
    },
    /** IMPORTING on a node that received keys (ASKING): Case 2 moves them to the owner. */
    IMPORTING_ONLY_WITH_KEYS(0, new long[] {8, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 5);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", c.id(0));
            c.setKeysAsking(1, slot, "i", 3);
        }
    },
    /**
     * Open on the owner only, and keys of the slot on a node that is neither migrating nor importing it
     * (it was closed by hand after part of a move): they are moved to the owner.
     */
    NEITHER_BUT_KEYS_ELSEWHERE(0, new long[] {6, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 6);
            c.open(slot, 0, 1);
            c.migrate(0, 1, slot, 2);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "STABLE");
        }
    },
    /** Nobody owns the slot and nobody has keys of it: redis-cli gives it to a random master. */
    UNCOVERED_NO_KEYS(0, new long[] {0, 0, 0}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.delSlotEverywhere(slot);
        }

        @Override
        boolean redisCliPicksAtRandom() {
            return true;
        }
    },
    /** Nobody owns the slot; node 2 holds its keys: node 2 gets it. */
    UNCOVERED_KEYS_IN_ONE_NODE(2, new long[] {0, 0, 4}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", c.id(0));
            c.setKeysAsking(2, slot, "i", 4);
            c.delSlotEverywhere(slot);
        }
    },
    /** Nobody owns the slot; nodes 0 and 2 hold keys: the one with most gets them all. */
    UNCOVERED_KEYS_IN_SEVERAL_NODES(2, new long[] {0, 0, 8}) {
        @Override
        void breakSlot(Nodes c, int slot) {
            c.setKeys(0, slot, "k", 3);
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", c.id(0));
            c.setKeysAsking(2, slot, "i", 5);
            c.delSlotEverywhere(slot);
        }
    };

    private final int owner;
    private final long[] keys;

    FixScenario(int owner, long[] keys) {
        this.owner = owner;
        this.keys = keys;
    }

    /** Puts a healthy cluster's {@code slot} (one of node 0's) in this broken state. */
    abstract void breakSlot(Nodes c, int slot);

    /** Node index owning the slot after the fix (for redis-cli, unless it picks at random). */
    int owner() {
        return owner;
    }

    /** Keys of the slot on each node after the fix. */
    long[] keys() {
        return keys.clone();
    }

    boolean redisCliPicksAtRandom() {
        return false;
    }

    /** The three masters as the scenarios drive them. */
    static final class Nodes {
        final List<NodeLink> links;
        final List<String> ids = new ArrayList<>();

        Nodes(List<NodeLink> links) {
            this.links = links;
            for (NodeLink link : links) {
                ids.add(text(link.send("CLUSTER", "MYID")));
            }
        }

        String id(int node) {
            return ids.get(node);
        }

        void ok(int node, String... command) {
            assertEquals("OK", text(links.get(node).send(command)), String.join(" ", command) + " on node " + node);
        }

        /** SET n keys {tag}prefix0.. of the slot on a node that serves it. */
        void setKeys(int node, int slot, String prefix, int n) {
            for (int i = 0; i < n; i++) {
                ok(node, "SET", key(slot, prefix + i), "v" + i);
            }
        }

        /** ASKING + SET: keys into a node that imports the slot. */
        void setKeysAsking(int node, int slot, String prefix, int n) {
            for (int i = 0; i < n; i++) {
                ok(node, "ASKING");
                ok(node, "SET", key(slot, prefix + i), "v" + i);
            }
        }

        /** IMPORTING on the target first, then MIGRATING on the source, as redis-cli opens a move. */
        void open(int slot, int source, int target) {
            ok(target, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", id(source));
            ok(source, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", id(target));
        }

        /** MIGRATE of the first n keys GETKEYSINSLOT lists, by hand, as a reshard would. */
        void migrate(int source, int target, int slot, int n) {
            Reply keys = links.get(source).send("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot), String.valueOf(n));
            List<String> argv = new ArrayList<>();
            String[] hostPort = links.get(target).address().split(":");
            argv.addAll(List.of("MIGRATE", hostPort[0], hostPort[1], "", "0", "5000", "KEYS"));
            for (Reply key : ((Reply.ArrayReply) keys).elements()) {
                argv.add(text(key));
            }
            assertEquals(n, argv.size() - 7, "keys to migrate");
            ok(source, argv.toArray(new String[0]));
        }

        void delSlotEverywhere(int slot) {
            for (int i = 0; i < links.size(); i++) {
                ok(i, "CLUSTER", "DELSLOTS", String.valueOf(slot));
            }
        }

        long keysInSlot(int node, int slot) {
            return ((Reply.IntegerReply) links.get(node).send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot)))
                    .value();
        }

        long totalKeys() {
            long total = 0;
            for (NodeLink link : links) {
                total += ((Reply.IntegerReply) link.send("DBSIZE")).value();
            }
            return total;
        }

        /** The slot's owner as every node sees it (-1 unassigned), and whether any node still has it open. */
        Outcome outcome(int slot) {
            List<Integer> owners = new ArrayList<>();
            boolean open = false;
            long[] keys = new long[links.size()];
            for (int i = 0; i < links.size(); i++) {
                List<NodeEntry> view = ClusterNodesParser.parse(text(links.get(i).send("CLUSTER", "NODES")));
                int owner = -1;
                for (NodeEntry e : view) {
                    if (e.slots().get(slot)) {
                        owner = ids.indexOf(e.id());
                    }
                    if (e.isMyself()) {
                        open |= e.migrating().containsKey(slot) || e.importing().containsKey(slot);
                    }
                }
                owners.add(owner);
                keys[i] = keysInSlot(i, slot);
            }
            return new Outcome(owners, open, java.util.Arrays.stream(keys).boxed().toList());
        }
    }

    /** What a fix left: the owner in each node's view, whether the slot is still open, keys per node. */
    record Outcome(List<Integer> owners, boolean open, List<Long> keys) {
        boolean agreedOwner(int owner) {
            return owners.stream().allMatch(o -> o == owner);
        }

        void assertFixed(FixScenario scenario, boolean anyOwner, String what) {
            assertTrue(!open, what + ": the slot is still open: " + this);
            int expected = anyOwner ? owners.get(0) : scenario.owner();
            assertTrue(expected >= 0 && agreedOwner(expected), what + ": owner should be node " + expected + ": " + this);
            if (!anyOwner) {
                assertEquals(java.util.Arrays.stream(scenario.keys()).boxed().toList(), keys, what + ": keys per node");
            }
        }
    }

    /** A key of the slot: "{tag}name" with a tag that hashes to it. */
    static String key(int slot, String name) {
        return "{" + tag(slot) + "}" + name;
    }

    static String tag(int slot) {
        if (!HashSlot.isValid(slot)) {
            throw new IllegalArgumentException("no such slot: " + slot);
        }
        for (int i = 0; ; i++) {
            String tag = "t" + i;
            if (HashSlot.of(tag) == slot) {
                return tag;
            }
        }
    }
}
