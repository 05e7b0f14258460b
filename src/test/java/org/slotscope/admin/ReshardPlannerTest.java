package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

class ReshardPlannerTest {
    private static MasterSlots master(String id, int first, int last) {
        BitSet slots = new BitSet();
        slots.set(first, last + 1);
        return new MasterSlots(id, slots);
    }

    @Test
    void theBiggestSourceGivesItsShareRoundedUpTheOthersRoundedDown() {
        // 1000 slots from 5462 + 5461: 1000/10923*5462 = 500.05 -> 501, 1000/10923*5461 = 499.95 -> 499
        List<SlotMove> moves = ReshardPlanner.plan(
                List.of(master("b", 10923, 16383), master("a", 5461, 10922)), "t", 1000);
        assertEquals(1000, moves.size());
        assertEquals(new SlotMove(5461, "a", "t"), moves.get(0), "the bigger source first, lowest slots first");
        assertEquals(new SlotMove(5961, "a", "t"), moves.get(500));
        assertEquals(new SlotMove(10923, "b", "t"), moves.get(501));
        assertEquals(new SlotMove(11421, "b", "t"), moves.get(999));
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> ReshardPlanner.plan(List.of(master("a", 0, 9)), "t", 0));
        assertThrows(IllegalArgumentException.class, () -> ReshardPlanner.plan(List.of(master("a", 0, 9)), "t", 11));
        assertThrows(IllegalArgumentException.class, () -> ReshardPlanner.plan(List.of(master("t", 0, 9)), "t", 1));
    }

    /** The plan is exactly the set of slots the real redis-cli moves on a real cluster of the same shape. */
    @Test
    void thePlanIsWhatRedisCliReshardMoves() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) {
            String a = cli.run("-p", String.valueOf(real.port(0)), "CLUSTER", "MYID");
            String b = cli.run("-p", String.valueOf(real.port(1)), "CLUSTER", "MYID");
            String c = cli.run("-p", String.valueOf(real.port(2)), "CLUSTER", "MYID");
            List<SlotMove> plan = ReshardPlanner.plan(
                    List.of(master(b, 5461, 10922), master(c, 10923, 16383)), a, 1000);
            String out = cli.raw(List.of("--cluster", "reshard", "127.0.0.1:" + real.port(0), "--cluster-from",
                    b + "," + c, "--cluster-to", a, "--cluster-slots", "1000", "--cluster-yes"));
            TreeSet<Integer> moved = new TreeSet<>();
            for (String line : out.split("\n")) {
                // "Moving slot 5461 from 127.0.0.1:port to 127.0.0.1:port: "
                if (line.startsWith("Moving slot ")) {
                    moved.add(Integer.parseInt(line.split(" ")[2]));
                }
            }
            TreeSet<Integer> planned = new TreeSet<>();
            plan.forEach(m -> planned.add(m.slot()));
            assertEquals(planned, moved, out);
        }
    }
}
