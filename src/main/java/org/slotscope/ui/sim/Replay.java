package org.slotscope.ui.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * Rebuilds a moment of a run: on a cluster freshly set up from the same shape and seed, runs the
 * clock to each recorded input's time and applies it, then runs on to the chosen time. The engine is
 * deterministic, so the result is the state the run had then (RaftScope's seek, without checkpoints).
 * A workload started in the past starts again at the same instant with the same seed, and its
 * clients run as the clock runs, as they did the first time.
 */
final class Replay {
    private Replay() {
    }

    static void apply(SimCluster cluster, List<Input> inputs, long untilMillis, SessionWorkload workload) {
        Map<Integer, ClusterNode> nodes = new HashMap<>();
        Map<Integer, ClientSession> sessions = new HashMap<>();
        for (Input input : inputs) {
            cluster.runUntil(input.time());
            if (input instanceof Input.Connect connect) {
                ClusterNode node = cluster.node(new NodeId(connect.nodeId()));
                nodes.put(connect.session(), node);
                sessions.put(connect.session(), cluster.connect(node, "slotscope-window"));
            } else if (input instanceof Input.Command command) {
                ClusterNode node = nodes.get(command.session());
                // The link refused (and did not record) commands to a stopped node; same here.
                if (node != null && node.isRunning()) {
                    Reply reply = cluster.execute(node, sessions.get(command.session()),
                            command.argv());
                    if (reply instanceof Reply.Blocked blocked) {
                        // The same waiter the link registered, so the scheduler sees the same tasks.
                        cluster.whenReady(blocked, ignored -> { });
                    }
                }
            } else if (input instanceof Input.WorkloadStarted started) {
                workload.start(started.settings(), started.seed());
            } else if (input instanceof Input.WorkloadStopped) {
                workload.stop();
            } else if (input instanceof Input.Disconnect disconnect) {
                ClusterNode node = nodes.get(disconnect.session());
                if (node != null) {
                    cluster.disconnect(node, sessions.get(disconnect.session()));
                }
            }
        }
        cluster.runUntil(untilMillis);
    }
}
