package org.slotscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slotscope.link.Connector;
import org.slotscope.live.ClusterPoller;
import org.slotscope.live.ClusterSnapshot;
import org.slotscope.live.EventText;
import org.slotscope.live.LiveNode;
import org.slotscope.live.NodeProblem;
import org.slotscope.live.PollStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `cluster watch host:port`: attach to a live cluster and print each change as one line, until Ctrl-C.
 * The same events the simulator shows, seen by polling every node's CLUSTER NODES and CLUSTER INFO.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Attach to a live cluster and print each change as one line, until Ctrl-C.",
            "Every node is polled (CLUSTER NODES, CLUSTER INFO); each line says which node saw the change.",
            "A state shorter than the interval may be missed."})
final class ClusterWatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--interval", defaultValue = "1000", paramLabel = "MS",
            description = "Time between two polls, ms (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "MS",
            description = "Stop after this long, ms (default: 0, until Ctrl-C).")
    long duration;

    @Mixin
    LinkOptions link;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (interval <= 0) {
            err.println("[ERR] --interval must be positive: " + interval);
            return 2;
        }
        if (duration < 0) {
            err.println("[ERR] --duration must be positive, or 0 to watch until Ctrl-C: " + duration);
            return 2;
        }
        Connector connector;
        try {
            connector = link.connector();
        } catch (IllegalArgumentException e) {
            err.println("[ERR] " + e.getMessage());
            return 2;
        }
        EventText text = new EventText();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<PollStatus> firstStatus = new AtomicReference<>();
        CountDownLatch attached = new CountDownLatch(1);
        AtomicReference<String> lastStatus = new AtomicReference<>("");
        ClusterPoller poller;
        try {
            poller = new ClusterPoller(connector, entry, interval);
        } catch (IllegalArgumentException e) {
            err.println("[ERR] " + e.getMessage());
            return 2;
        }
        poller.addListener(event -> {
            text.learn(poller.latest()); // the snapshot this event came from: a node that just joined has a name
            synchronized (out) {
                out.println(text.line(event));
                out.flush();
            }
        });
        poller.addStatusListener(status -> {
            text.learn(poller.latest());
            if (firstStatus.compareAndSet(null, status)) {
                attached.countDown();
                return;
            }
            // a status line only when it changes: "polled 6 nodes" every second would drown the events
            String message = status.message();
            if (!(status instanceof PollStatus.Stopped) && !message.equals(lastStatus.getAndSet(message))) {
                synchronized (out) {
                    out.printf("%9.3fs  # %s%n", status.time() / 1000.0, message);
                    out.flush();
                }
            }
        });
        Thread hook = new Thread(() -> {
            poller.stop();
            done.countDown();
        }, "slotscope-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C stops the poller and closes the links
        try {
            poller.start();
            attached.await();
            PollStatus first = firstStatus.get();
            if (!(first instanceof PollStatus.Polled polled)) {
                err.println("[ERR] " + first.message());
                return 1;
            }
            lastStatus.set(first.message());
            synchronized (out) {
                out.println(">>> Watching " + summary(poller.latest(), polled) + "  (Ctrl-C to stop)");
                out.flush();
            }
            if (duration > 0) {
                done.await(duration, TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
            return 0;
        } finally {
            poller.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what is stopping us
            }
        }
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String summary(ClusterSnapshot snapshot, PollStatus.Polled status) {
        long masters = snapshot.nodes().stream().filter(LiveNode::isMaster).count();
        long covered = java.util.Arrays.stream(snapshot.owners()).filter(java.util.Objects::nonNull).count();
        Boolean ok = snapshot.views().get(0).clusterOk();
        return status.entry() + ": " + count(snapshot.nodes().size(), "node") + ", " + count(masters, "master") + ", "
                + count(covered, "slot") + " served, cluster_state:" + (ok == null ? "?" : ok ? "ok" : "fail") + ", "
                + count(snapshot.totalKeys(), "key") + (status.problems().isEmpty() ? "" : "; "
                + status.problems().stream().map(NodeProblem::message).collect(Collectors.joining("; ")));
    }
}
