package org.slotscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.Replies;
import org.slotscope.testsupport.ServedSim;

/** reshard, move-slots and rebalance on the command line, against a simulated cluster served over RESP. */
class ClusterMoveCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SlotScopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void moveSlotsThenRebalanceThenReshard() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000)) {
            String entry = sim.address(0);
            int slot = org.slotscope.engine.slot.HashSlot.of("{k}");
            assertTrue(slot >= 5461 && slot <= 10922, "the second master's slot: " + slot);
            for (int i = 0; i < 200; i++) {
                String key = "{k}" + i;
                assertEquals("OK", Replies.text(sim.send(1, "SET", key, "v")));
            }
            assertEquals(0, run("cluster", "move-slots", entry, "--slots", "0-9," + slot, "--to", sim.id(2), "--yes"),
                    err.toString());
            assertTrue(out.toString().contains("Moved 11 slots and 200 keys."), out.toString());
            assertEquals(":200", Replies.text(sim.send(2, "CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot))));

            assertEquals(0, run("cluster", "rebalance", entry, "--simulate"), err.toString());
            assertTrue(out.toString().contains("*** No rebalancing needed!"), out.toString());
            assertEquals(0, run("cluster", "rebalance", entry, "--weight", sim.id(0).substring(0, 8) + "=2",
                    "--simulate"), err.toString());
            assertTrue(out.toString().contains(">>> Rebalancing across 3 nodes. Total weight = 4.00"), out.toString());
            assertTrue(out.toString().contains("Moving "), out.toString());

            assertEquals(0, run("cluster", "reshard", entry, "--from", "all", "--to", sim.id(0), "--slots", "100",
                    "--yes", "--batch", "7", "--parallel", "2"), err.toString());
            assertTrue(out.toString().contains("Moved 100 slots"), out.toString());
            assertEquals(0, run("cluster", "check", entry), out.toString());
        }
    }

    @Test
    void badInputGetsOneLineAndChangesNothing() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000)) {
            String entry = sim.address(0);
            assertEquals(2, run("cluster", "move-slots", entry, "--slots", "16384", "--to", sim.id(1)));
            assertEquals("[ERR] slot out of range (0-16383): 16384", err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(2, run("cluster", "move-slots", entry, "--slots", "20-10", "--to", sim.id(1)));
            assertEquals("[ERR] the range 20-10 ends before it starts", err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(1, run("cluster", "reshard", entry, "--from", "all", "--to", "nosuchid", "--slots", "10"));
            assertEquals("[ERR] the target nosuchid is not a master of this cluster", err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(1, run("cluster", "reshard", entry, "--from", "all", "--to", sim.id(0), "--slots", "10",
                    "--batch", "0"));
            assertEquals("[ERR] a batch must hold at least 1 slot: 0", err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(1, run("cluster", "rebalance", entry, "--weight", "zzzz=2"));
            assertTrue(err.toString().startsWith("[ERR] *** No such master node zzzz"), err.toString());
            err.getBuffer().setLength(0);
            // every weight 0: one line (redis-cli divides by the total weight and asserts)
            assertEquals(1, run("cluster", "rebalance", entry, "--weight", sim.id(0) + "=0", "--weight", sim.id(1) + "=0",
                    "--weight", sim.id(2) + "=0", "--simulate"));
            assertEquals("[ERR] the masters' weights add up to 0: give at least one master a positive weight",
                    err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(1, run("cluster", "reshard", entry, "--from", "all", "--to", sim.id(0), "--slots", "10",
                    "--connect-timeout", "0"));
            assertTrue(err.toString().strip().endsWith("--connect-timeout must be positive: 0"), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            err.getBuffer().setLength(0);
            assertEquals(2, run("cluster", "rebalance", entry, "--threshold", "-5", "--simulate"));
            assertEquals("[ERR] --threshold must be a percentage of 0 or more: -5.0", err.toString().strip());
            err.getBuffer().setLength(0);
            assertEquals(1, run("cluster", "reshard", "127.0.0.1:1", "--from", "all", "--to", sim.id(0), "--slots",
                    "10"));
            assertTrue(err.toString().startsWith("[ERR] "), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertEquals(0, run("cluster", "check", entry), out.toString());
        }
    }
}
