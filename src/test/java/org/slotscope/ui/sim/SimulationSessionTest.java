package org.slotscope.ui.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.SlotMover;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.NodeLink;

class SimulationSessionTest {
    private SimulationSession session;

    @AfterEach
    void close() {
        session.close();
    }

    private ClusterSnapshot freshSnapshot() throws Exception {
        // a snapshot built after everything submitted so far: ask until one newer than the request arrives
        ClusterSnapshot before = session.latest();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            session.requestSnapshot();
            ClusterSnapshot now = session.latest();
            if (now != null && now != before) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, "no snapshot");
            Thread.sleep(5);
        }
    }

    @Test
    void rewindReplaysTheSeedAndTheJournaledInputsToTheSameState() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(3), false);
        try (NodeLink link = session.connector().connect("127.0.0.1:7001")) {
            assertEquals(Reply.OK, link.send("SET", "{user:1}extra", "x"));
        }
        session.step().get(10, TimeUnit.SECONDS);
        long t1 = session.step().get(10, TimeUnit.SECONDS);
        BitSet slots = new BitSet();
        slots.set(0, 50);
        MoveExecutor.Result moved = new MoveOperation(session.connector()).run("127.0.0.1:7000",
                SlotRangePlanner.forTopology(slots, session.latest().nodes().get(1).id()),
                new SlotMover.Options(10, 60_000, false), p -> { });
        assertEquals(50, moved.slotsMoved());
        long t2 = session.step().get(10, TimeUnit.SECONDS);
        ClusterSnapshot atT2 = freshSnapshot();
        assertEquals(1, atT2.ownerOf(0));
        assertTrue(session.inputs().size() > 100, "the reshard's commands were journaled: " + session.inputs().size());

        assertEquals(t2, session.rewindTo(t2).get(30, TimeUnit.SECONDS));
        ClusterSnapshot replayed = freshSnapshot();
        assertEquals(t2, replayed.virtualTimeMillis());
        assertTrue(atT2.sameTopology(replayed), "replay to t2 differs from the original at t2");
        assertArrayEquals(atT2.keysInSlot(), replayed.keysInSlot());

        // The move ran while the clock stood at t1 (paused), so its inputs carry t1: one millisecond
        // earlier is before it.
        long beforeMove = t1 - 1;
        assertEquals(beforeMove, session.rewindTo(beforeMove).get(30, TimeUnit.SECONDS));
        ClusterSnapshot earlier = freshSnapshot();
        assertEquals(0, earlier.ownerOf(0), "before the move, slot 0 was 7000's");
        assertEquals(2, session.generation());
        List<Input> kept = session.inputs();
        assertTrue(kept.stream().allMatch(i -> i.time() <= beforeMove), "inputs after the rewind point are forked away");
        assertTrue(kept.stream().anyMatch(i -> i instanceof Input.Command), "the SET before it is kept");
    }
}
