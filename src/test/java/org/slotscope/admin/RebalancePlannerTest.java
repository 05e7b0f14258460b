package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

class RebalancePlannerTest {
    private static MasterSlots master(String id, int first, int last) {
        BitSet slots = new BitSet();
        if (last >= first) {
            slots.set(first, last + 1);
        }
        return new MasterSlots(id, slots);
    }

    @Test
    void aBalancedClusterNeedsNothing() {
        List<MasterSlots> masters = List.of(master("a", 0, 5460), master("b", 5461, 10922), master("c", 10923, 16383));
        assertTrue(RebalancePlanner.plan(masters, Map.of(), 2).isEmpty());
    }

    @Test
    void anEmptyMasterReceivesFromEveryOther() {
        List<MasterSlots> masters = List.of(master("a", 0, 5460), master("b", 5461, 10922),
                master("c", 10923, 16383), master("d", 0, -1));
        List<RebalancePlanner.Transfer> transfers = RebalancePlanner.plan(masters, Map.of(), 2);
        int received = transfers.stream().filter(t -> t.target().equals("d")).mapToInt(t -> t.moves().size()).sum();
        assertEquals(4096, received, "16384 / 4");
        assertEquals(3, transfers.size());
    }

    @Test
    void weightsShiftTheShares() {
        List<MasterSlots> masters = List.of(master("a", 0, 8191), master("b", 8192, 16383));
        List<RebalancePlanner.Transfer> transfers = RebalancePlanner.plan(masters, Map.of("a", 3.0), 2);
        assertEquals(1, transfers.size());
        assertEquals("b", transfers.get(0).source());
        assertEquals(12288 - 8192, transfers.get(0).moves().size(), "a should own 3/4");
    }

    /** The transfers are the ones the real `redis-cli --cluster rebalance --cluster-simulate` prints. */
    @Test
    void thePlanIsWhatRedisCliRebalanceWouldDo() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) {
            int spare = real.startSpareNode();
            String entry = "127.0.0.1:" + real.port(0);
            String added = cli.raw(List.of("--cluster", "add-node", "127.0.0.1:" + spare, entry));
            assertTrue(added.contains("[OK] New node added correctly."), added);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cli.run("-p", String.valueOf(real.port(0)), "CLUSTER", "NODES").lines().count() < 4
                    || cli.run("--cluster", "check", entry).contains("[ERR]")) {
                assertTrue(System.nanoTime() < deadline, "the new node never joined");
                Thread.sleep(200);
            }
            // redis-cli's node order: the entry node, then the others as its CLUSTER NODES lists them
            List<MasterSlots> masters = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            List<String> lines = new ArrayList<>(cli.run("-p", String.valueOf(real.port(0)), "CLUSTER", "NODES")
                    .lines().toList());
            lines.sort((x, y) -> Boolean.compare(!x.contains("myself"), !y.contains("myself")));
            for (String line : lines) {
                String[] f = line.split(" ");
                BitSet slots = new BitSet();
                for (int i = 8; i < f.length; i++) {
                    String[] range = f[i].split("-");
                    int first = Integer.parseInt(range[0]);
                    int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
                    slots.set(first, last + 1);
                }
                masters.add(new MasterSlots(f[0], slots));
                addresses.add(f[1].substring(0, f[1].indexOf('@')));
            }
            List<String> expected = new ArrayList<>();
            for (RebalancePlanner.Transfer t : RebalancePlanner.plan(masters, Map.of(), 2)) {
                expected.add("Moving " + t.moves().size() + " slots from "
                        + addresses.get(indexOf(masters, t.source())) + " to " + addresses.get(indexOf(masters, t.target())));
            }
            String simulated = cli.raw(List.of("--cluster", "rebalance", entry, "--cluster-use-empty-masters",
                    "--cluster-simulate"));
            // redis-cli colours its log lines; the colour reset lands at the start of the next line
            List<String> printed = simulated.replaceAll("\u001B\\[[0-9;]*m", "").lines()
                    .filter(l -> l.startsWith("Moving ")).toList();
            assertEquals(expected, printed, simulated);
        }
    }

    private static int indexOf(List<MasterSlots> masters, String id) {
        for (int i = 0; i < masters.size(); i++) {
            if (masters.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
