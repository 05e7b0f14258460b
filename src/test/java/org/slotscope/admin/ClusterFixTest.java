package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.Connector;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;

/**
 * Every repair of `fix` on the simulator: the broken states of {@link FixScenario}, each fixed with no
 * key lost and a clean check after, and the lines it prints are redis-cli's.
 */
class ClusterFixTest {
    private static final String ENTRY = "127.0.0.1:7000";
    private static final int SLOT = 1000;

    /** A 3-master simulated cluster with 30 unrelated keys, and links to its masters. */
    private static final class Sim implements AutoCloseable {
        final EngineLoop loop = new EngineLoop(new SimCluster(11), "fix-test");
        final Connector connect = SimLink.connector(loop);
        final FixScenario.Nodes nodes;

        Sim() {
            List<ClusterNode> started = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            List<NodeLink> links = new ArrayList<>();
            started.forEach(n -> links.add(new SimLink(loop, n.id())));
            nodes = new FixScenario.Nodes(links);
            for (int i = 0; i < 30; i++) {
                int slot = 2000 + 450 * i; // 2000-15050: all three masters get some
                int owner = slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
                nodes.ok(owner, "SET", FixScenario.key(slot, "other" + i), "x");
            }
        }

        /** Lets gossip run for a while on the virtual clock. */
        void settle() {
            loop.call(c -> {
                c.runFor(5000);
                return null;
            }).join();
        }

        ClusterCheckOperation.Result check(List<String> lines) {
            return new ClusterCheckOperation(connect).run(ENTRY, false, lines::add);
        }

        @Override
        public void close() {
            nodes.links.forEach(NodeLink::close);
            loop.close();
        }
    }

    @ParameterizedTest
    @EnumSource(FixScenario.class)
    void fixRepairsTheBrokenSlotWithNoKeyLost(FixScenario scenario) {
        try (Sim sim = new Sim()) {
            scenario.breakSlot(sim.nodes, SLOT);
            sim.settle();
            long before = sim.nodes.totalKeys();
            List<String> checked = new ArrayList<>();
            assertFalse(sim.check(checked).clean(), "check finds the broken slot:\n" + String.join("\n", checked));

            List<String> printed = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    ClusterFix.Confirm.YES, printed::add);
            String log = String.join("\n", printed);
            assertTrue(result.ok(), log);
            assertEquals(before, result.keysBefore(), log);
            assertEquals(before, result.keysAfter(), "no key lost:\n" + log);

            sim.settle();
            sim.nodes.outcome(SLOT).assertFixed(scenario, false, scenario + "\n" + log);
            assertEquals(before, sim.nodes.totalKeys());
            List<String> after = new ArrayList<>();
            assertTrue(sim.check(after).clean(), "clean after the fix:\n" + String.join("\n", after));
        }
    }

    @Test
    void theKilledReshardIsReportedAndFixedInRedisClisWords() {
        try (Sim sim = new Sim()) {
            FixScenario.KILLED_RESHARD_MOSTLY_MOVED.breakSlot(sim.nodes, SLOT);
            List<String> checked = new ArrayList<>();
            assertFalse(sim.check(checked).clean());
            String a = "127.0.0.1:7000";
            String b = "127.0.0.1:7001";
            assertTrue(checked.containsAll(List.of(
                    "[OK] All nodes agree about slots configuration.",
                    "[WARNING] Node " + a + " has slots in migrating state 1000.",
                    "[WARNING] Node " + b + " has slots in importing state 1000.",
                    "[WARNING] The following slots are open: 1000.",
                    "    Slot 1000: " + a + " is migrating it to " + sim.nodes.id(1) + "; " + b
                            + " is importing it from " + sim.nodes.id(0),
                    "    Slot 1000 keys: " + a + " 3, " + b + " 7; claimed by " + a,
                    "[OK] All 16384 slots covered.")), String.join("\n", checked));

            List<String> printed = new ArrayList<>();
            new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS, ClusterFix.Confirm.YES, printed::add);
            int start = printed.indexOf(">>> Fixing open slot 1000");
            assertTrue(start > 0, String.join("\n", printed));
            assertEquals(List.of(
                    ">>> Fixing open slot 1000",
                    "*** Found keys about slot 1000 in non-owner node " + b + "!",
                    "Set as migrating in: " + a,
                    "Set as importing in: " + b,
                    ">>> No single clear owner for the slot, selecting an owner by # of keys...",
                    "*** Configuring " + b + " as the slot owner",
                    ">>> Case 2: Moving all the 1000 slot keys to its owner " + b,
                    "Moving slot 1000 from " + a + " to " + b + ": ...",
                    ">>> Setting 1000 as STABLE in " + a,
                    ">>> Check slots coverage...",
                    "[OK] All 16384 slots covered."), printed.subList(start, start + 11));
        }
    }

    @Test
    void checkSaysWhichNodeDisagreesAndHow() {
        try (Sim sim = new Sim()) {
            // node 1 forgets slot 42 is node 0's: it alone thinks nobody serves it
            sim.nodes.ok(1, "CLUSTER", "DELSLOTS", "42");
            List<String> lines = new ArrayList<>();
            assertFalse(sim.check(lines).clean());
            assertTrue(lines.contains("[ERR] Nodes don't agree about configuration!"), String.join("\n", lines));
            assertTrue(lines.contains("    127.0.0.1:7001 thinks slot 42 is unassigned (the others: "
                    + sim.nodes.id(0) + ")"), String.join("\n", lines));
            assertTrue(lines.contains("[OK] All 16384 slots covered."), "node 0 still covers it itself");
        }
    }

    @Test
    void uncoveredSlotsAreListedWithWhereTheirKeysAre() {
        try (Sim sim = new Sim()) {
            FixScenario.UNCOVERED_KEYS_IN_SEVERAL_NODES.breakSlot(sim.nodes, SLOT);
            sim.nodes.delSlotEverywhere(1001);
            List<String> lines = new ArrayList<>();
            assertFalse(sim.check(lines).clean());
            assertTrue(lines.containsAll(List.of(
                    "[ERR] Not all 16384 slots are covered by nodes.",
                    "    Uncovered: [1000-1001] (2 slots)",
                    "    Slot 1000 keys: 127.0.0.1:7000 3, 127.0.0.1:7002 5")), String.join("\n", lines));
        }
    }

    @Test
    void anUncoveredSlotWithoutKeysGoesToTheMasterWithTheFewestSlots() {
        try (Sim sim = new Sim()) {
            // node 1 gives four slots to node 2, node 0 loses two: 5459, 5458 and 5465 slots
            for (int slot = 6001; slot <= 6004; slot++) {
                for (int node = 0; node < 3; node++) {
                    sim.nodes.ok(node, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", sim.nodes.id(2));
                }
            }
            sim.nodes.delSlotEverywhere(SLOT);
            sim.nodes.delSlotEverywhere(SLOT + 1);
            sim.settle();
            List<String> printed = new ArrayList<>();
            List<String> questions = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    q -> questions.add(q), printed::add);
            assertTrue(result.ok(), String.join("\n", printed));
            assertEquals(List.of("Fix these slots by covering with the master that has the fewest slots?"), questions);
            // slot 1000 to node 1 (5458 slots); then nodes 0 and 1 have 5459 each: 1001 to the first, node 0
            assertTrue(printed.containsAll(List.of(">>> Covering slot 1000 with 127.0.0.1:7001",
                    ">>> Covering slot 1001 with 127.0.0.1:7000")), String.join("\n", printed));
            sim.settle();
            assertTrue(sim.nodes.outcome(SLOT).agreedOwner(1));
            assertTrue(sim.nodes.outcome(SLOT + 1).agreedOwner(0));
            assertTrue(sim.check(new ArrayList<>()).clean());
        }
    }

    @Test
    void aRefusedQuestionFixesNothing() {
        try (Sim sim = new Sim()) {
            sim.nodes.delSlotEverywhere(SLOT);
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    q -> false, line -> { });
            assertFalse(result.ok());
            assertTrue(sim.nodes.outcome(SLOT).agreedOwner(-1), "still uncovered");
        }
    }

    @Test
    void keysOnBothNodesWithEqualValuesAreMergedWithReplace() {
        try (Sim sim = new Sim()) {
            FixScenario.Nodes c = sim.nodes;
            String same = FixScenario.key(SLOT, "same");
            c.ok(0, "SET", same, "v");
            c.setKeys(0, SLOT, "k", 2);
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "IMPORTING", c.id(0));
            c.ok(2, "ASKING");
            c.ok(2, "SET", same, "v");
            c.setKeysAsking(2, SLOT, "i", 3);
            c.delSlotEverywhere(SLOT);
            long before = c.totalKeys();
            List<String> printed = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    ClusterFix.Confirm.YES, printed::add);
            assertTrue(result.ok(), String.join("\n", printed));
            assertTrue(printed.containsAll(List.of("*** Target key exists", "*** Checking key values on both nodes...",
                    "*** Replacing target keys...")), String.join("\n", printed));
            assertEquals(before - 1, c.totalKeys(), "the two copies of the same key became one");
            assertEquals(List.of(0L, 0L, 6L), c.outcome(SLOT).keys());
            assertEquals("v", text(c.links.get(2).send("GET", same)));
        }
    }

    @Test
    void keysOnBothNodesWithDifferentValuesStopTheFixAndStayWhereTheyAre() {
        try (Sim sim = new Sim()) {
            FixScenario.Nodes c = sim.nodes;
            String clash = FixScenario.key(SLOT, "clash");
            c.ok(0, "SET", clash, "from-0");
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "IMPORTING", c.id(0));
            c.ok(2, "ASKING");
            c.ok(2, "SET", clash, "from-2");
            c.setKeysAsking(2, SLOT, "i", 3);
            c.delSlotEverywhere(SLOT);
            long before = c.totalKeys();
            List<String> printed = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    ClusterFix.Confirm.YES, printed::add);
            assertFalse(result.ok());
            assertTrue(printed.containsAll(List.of(
                    "*** Found 1 key(s) in both source node and target node having different values.",
                    "    Source node: 127.0.0.1:7000", "    Target node: 127.0.0.1:7002", "    - " + clash)),
                    String.join("\n", printed));
            assertEquals(before, c.totalKeys());
            assertEquals(List.of(1L, 0L, 4L), c.outcome(SLOT).keys(), "both values kept");
            c.ok(0, "ASKING");
            assertEquals("from-0", text(c.links.get(0).send("GET", clash)));
            assertEquals("from-2", text(c.links.get(2).send("GET", clash)));

            // as the message says: relaunch with --replace, and the source's value wins
            List<String> again = new ArrayList<>();
            ClusterFix.Result replaced = new ClusterFix(sim.connect).run(ENTRY,
                    ClusterFix.Options.DEFAULTS.withReplace(true), ClusterFix.Confirm.YES, again::add);
            assertTrue(replaced.ok(), String.join("\n", again));
            sim.settle();
            FixScenario.Outcome outcome = c.outcome(SLOT);
            assertTrue(outcome.agreedOwner(2) && !outcome.open(), outcome.toString());
            assertEquals(List.of(0L, 0L, 4L), outcome.keys());
            assertEquals("from-0", text(c.links.get(2).send("GET", clash)));
        }
    }

    @Test
    void withKeepOwnerValuesTheSlotOwnersValueWinsAndTheStaleCopyGoes() {
        try (Sim sim = new Sim()) {
            FixScenario.Nodes c = sim.nodes;
            String clash = FixScenario.key(SLOT, "clash");
            // what a MIGRATE that timed out after the target restored the key leaves, once the owner
            // has taken more writes: the owner's copy is current, the other one is stale
            c.ok(0, "SET", clash, "current");
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "IMPORTING", c.id(0));
            c.ok(2, "ASKING");
            c.ok(2, "SET", clash, "stale");
            c.setKeysAsking(2, SLOT, "i", 2);
            c.ok(2, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "STABLE");
            long before = c.totalKeys();
            List<String> printed = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS
                    .withSearchMultipleOwners(true).withKeepOwnerValues(true), ClusterFix.Confirm.YES, printed::add);
            assertTrue(result.ok(), String.join("\n", printed));
            assertTrue(printed.contains("*** 1 key(s) differ; keeping the values of the slot's owner 127.0.0.1:7000"),
                    String.join("\n", printed));
            sim.settle();
            FixScenario.Outcome outcome = c.outcome(SLOT);
            assertTrue(outcome.agreedOwner(0) && !outcome.open(), outcome.toString());
            assertEquals(before - 1, c.totalKeys(), "the stale copy is gone, the two other keys moved");
            // redis-cli would have made 127.0.0.1:7002 the owner (it holds more keys of the slot)
            assertEquals(List.of(3L, 0L, 0L), outcome.keys());
            assertEquals("current", text(c.links.get(0).send("GET", clash)));
        }
    }

    @Test
    void orphanKeysFoundBySearchingMultipleOwnersAreMovedToTheOwner() {
        try (Sim sim = new Sim()) {
            FixScenario.Nodes c = sim.nodes;
            c.setKeys(0, SLOT, "k", 3);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "IMPORTING", c.id(0));
            c.setKeysAsking(1, SLOT, "i", 4);
            c.ok(1, "CLUSTER", "SETSLOT", String.valueOf(SLOT), "STABLE");
            long before = c.totalKeys();
            List<String> lines = new ArrayList<>();
            assertTrue(sim.check(lines).clean(), "invisible without the search:\n" + String.join("\n", lines));
            lines.clear();
            ClusterCheckOperation.Result searched = new ClusterCheckOperation(sim.connect).run(ENTRY, true, lines::add);
            assertFalse(searched.clean());
            assertTrue(lines.containsAll(List.of("[WARNING] Slot 1000 has 2 owners:", "    127.0.0.1:7000",
                    "    127.0.0.1:7001")), String.join("\n", lines));

            List<String> printed = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY,
                    ClusterFix.Options.DEFAULTS.withSearchMultipleOwners(true), ClusterFix.Confirm.YES, printed::add);
            assertTrue(result.ok(), String.join("\n", printed));
            assertTrue(printed.containsAll(List.of(">>> Fixing multiple owners for slot 1000...",
                    ">>> Setting slot 1000 owner: 127.0.0.1:7001", "[OK] No multiple owners found.")),
                    String.join("\n", printed));
            sim.settle();
            FixScenario.Outcome outcome = c.outcome(SLOT);
            assertTrue(outcome.agreedOwner(1) && !outcome.open(), outcome.toString());
            assertEquals(List.of(0L, 7L, 0L), outcome.keys());
            assertEquals(before, c.totalKeys());
            assertTrue(new ClusterCheckOperation(sim.connect).run(ENTRY, true, line -> { }).clean());
        }
    }

    @Test
    void fixRefusesWithAnUnreachableMasterUnlessTold() {
        try (Sim sim = new Sim()) {
            sim.nodes.delSlotEverywhere(SLOT);
            // the entry node still lists node 2 as a healthy master, but it no longer answers
            sim.loop.call(c -> {
                c.stopNode(c.nodeAt("127.0.0.1", 7002), "test");
                return null;
            }).join();
            List<String> printed = new ArrayList<>();
            ClusterFix.Result refused = new ClusterFix(sim.connect).run(ENTRY, ClusterFix.Options.DEFAULTS,
                    ClusterFix.Confirm.YES, printed::add);
            assertFalse(refused.ok());
            assertTrue(printed.stream().anyMatch(l -> l.startsWith("*** Fixing slots with 1 unreachable masters is"
                    + " dangerous")), String.join("\n", printed));
            assertTrue(printed.stream().anyMatch(l -> l.startsWith("[ERR] Could not reach 127.0.0.1:7002")),
                    String.join("\n", printed));
            for (int node = 0; node < 2; node++) {
                List<NodeEntry> view = ClusterNodesParser.parse(text(sim.nodes.links.get(node).send("CLUSTER", "NODES")));
                assertTrue(view.stream().noneMatch(e -> e.slots().get(SLOT)), "untouched: still uncovered");
            }

            // told to go on, it treats the unreachable master's slots as uncovered too, as the warning says
            List<String> forced = new ArrayList<>();
            ClusterFix.Result result = new ClusterFix(sim.connect).run(ENTRY,
                    ClusterFix.Options.DEFAULTS.withFixWithUnreachableMasters(true), ClusterFix.Confirm.YES, forced::add);
            assertTrue(result.ok(), String.join("\n", forced));
            assertTrue(forced.contains("[1000],[10923-16383]"), String.join("\n", forced));
            assertTrue(forced.contains(">>> Covering slot 10923 with 127.0.0.1:7000"), String.join("\n", forced));
        }
    }
}
