package org.slotscope.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * Deterministic simulation testing: a seed replays exactly (same trace hash), a few seeds pass as
 * `mvn verify`'s share of the torture, and the checks at the end do catch a lost write, a key on the
 * wrong node, and nodes that disagree.
 */
class TortureRunTest {
    private static final TortureRun.Options SHORT = new TortureRun.Options(8_000, 4, ClusterRepair.NONE);
    /** As the torture command runs by default: moves overlap faults, MIGRATEs time out, fix cleans up. */
    private static final TortureRun.Options SHORT_WITH_FIX = new TortureRun.Options(8_000, 4, ClusterRepair.FIX);

    @Test
    void sameSeedSameTrace() {
        TortureRun.Result first = TortureRun.run(7, TortureRun.Options.DEFAULTS);
        TortureRun.Result again = TortureRun.run(7, TortureRun.Options.DEFAULTS);
        assertTrue(first.passed(), first.failures().toString());
        assertEquals(first.traceHash(), again.traceHash());
        assertEquals(first.actions(), again.actions());
        assertEquals(first.operations(), again.operations());
        assertTrue(first.operations() > 1000, first.toString());
        assertTrue(first.actions().size() >= 3, first.actions().toString());
    }

    @Test
    void aFewSeedsPass() {
        Set<String> hashes = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            TortureRun.Result result = TortureRun.run(seed, SHORT_WITH_FIX);
            assertTrue(result.passed(), "seed " + seed + ": " + result.failures() + " " + result.actions());
            hashes.add(result.traceHash());
        }
        assertEquals(5, hashes.size(), "every seed is a different run");
    }

    @Test
    void aMigrateTimeoutMidSlotLeavesTheSlotOpenWithoutAFix() {
        TortureRun.Result result = null;
        for (long seed = 1; seed <= 10 && result == null; seed++) {
            TortureRun.Result r = TortureRun.run(seed, SHORT.only(java.util.EnumSet.of(TortureRun.Fault.MIGRATE_TIMEOUT)));
            if (r.actions().stream().anyMatch(a -> a.contains("cut off: ") && a.contains("IOERR"))) {
                result = r;
            }
        }
        assertTrue(result != null, "some seed cuts a MIGRATE off mid-slot");
        assertFalse(result.passed(), result.actions().toString());
        assertTrue(result.failures().stream().anyMatch(f -> f.contains("open") || f.contains("holds")),
                result.failures().toString());
    }

    @Test
    void aKeyDeletedBehindTheClientsBackFailsTheChecker() {
        TortureRun.Result result = TortureRun.run(3, SHORT, cluster -> {
            for (ClusterNode node : cluster.nodes()) {
                if (node.isRunning() && !node.state().myself().isReplica() && node.keyspace().size() > 0) {
                    Key victim = node.keyspace().allKeys().get(0);
                    node.keyspace().delete(victim);
                    for (ClusterNode replica : cluster.nodes()) {
                        replica.keyspace().delete(victim);
                    }
                    return;
                }
            }
        });
        assertFalse(result.passed());
        assertTrue(result.failures().get(0).startsWith("checker: "), result.failures().toString());
        assertTrue(result.failures().get(0).contains("1 unexplained"), result.failures().toString());
    }

    @Test
    void aKeyOnTheWrongNodeBreaksAnInvariant() {
        TortureRun.Result result = TortureRun.run(3, SHORT, cluster -> {
            List<ClusterNode> running = cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
            ClusterNode stranger = running.stream().filter(n -> !n.state().myself().isReplica()
                    && !n.id().equals(n.state().slotOwner(HashSlot.of("stray")).id())).findFirst().orElseThrow();
            stranger.keyspace().set(new Key("stray".getBytes()), new org.slotscope.engine.keyspace.StringValue(
                    "x".getBytes()));
        });
        assertFalse(result.passed());
        assertTrue(result.failures().stream().anyMatch(f -> f.startsWith("invariant: ") && f.contains("holds stray")),
                result.failures().toString());
    }

    @Test
    void theSameMigrateTimeoutIsRepairedByFix() {
        for (long seed = 1; seed <= 10; seed++) {
            TortureRun.Result cut = TortureRun.run(seed, SHORT.only(java.util.EnumSet.of(TortureRun.Fault.MIGRATE_TIMEOUT)));
            if (cut.actions().stream().anyMatch(a -> a.contains("cut off: ") && a.contains("IOERR"))) {
                TortureRun.Result fixed = TortureRun.run(seed,
                        SHORT_WITH_FIX.only(java.util.EnumSet.of(TortureRun.Fault.MIGRATE_TIMEOUT)));
                assertTrue(fixed.actions().stream().anyMatch(a -> a.contains("cut off: ") && a.contains("IOERR")),
                        fixed.actions().toString());
                assertTrue(fixed.passed(), "seed " + seed + ": " + fixed.failures());
                return;
            }
        }
        throw new AssertionError("no seed cut a MIGRATE off mid-slot");
    }

    @Test
    void nodesThatDisagreeOnASlotBreakAnInvariant() {
        TortureRun.Result result = TortureRun.run(3, SHORT, cluster -> {
            ClusterNode viewer = cluster.nodes().iterator().next();
            ClusterNode other = cluster.nodes().stream().filter(n -> n.isRunning()
                    && !n.state().myself().isReplica() && !n.id().equals(viewer.state().slotOwner(0).id()))
                    .findFirst().orElseThrow();
            viewer.state().assignSlot(0, viewer.state().lookup(other.id()));
        });
        assertFalse(result.passed());
        assertTrue(result.failures().stream().anyMatch(f -> f.contains("slot 0")), result.failures().toString());
        assertNotEquals(List.of(), result.failures());
    }
}
