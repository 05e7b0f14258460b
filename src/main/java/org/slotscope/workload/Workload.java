package org.slotscope.workload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.slotscope.checker.History;
import org.slotscope.checker.Operation;
import org.slotscope.client.ClientEvent;
import org.slotscope.client.ClusterClient;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkClock;
import org.slotscope.link.SimActors;

/**
 * Several cluster clients issuing reads and writes at a rate, recording every operation in a
 * {@link History} (for the checker) and in {@link WorkloadMetrics}. Every written value is unique
 * ("c2-17" padded to the value size: client 2's 17th operation), so the checker can tell which
 * write a value came from. Runs as simulator actors on the virtual clock, or as threads against a
 * real cluster.
 */
public final class Workload {
    private final WorkloadOptions options;
    private final Connector connector;
    private final List<String> seeds;
    private final LinkClock clock;
    private final History history;
    private final WorkloadMetrics metrics;
    private volatile Consumer<ClientEvent> hops = e -> { };
    private volatile boolean stopped;

    public Workload(WorkloadOptions options, Connector connector, List<String> seeds, LinkClock clock,
                    History history) {
        this(options, connector, seeds, clock, history, new WorkloadMetrics());
    }

    /**
     * As above, counting into {@code metrics}, which may be shared: the window starts a new workload
     * at each change of rate and shows one set of numbers for all of them.
     */
    public Workload(WorkloadOptions options, Connector connector, List<String> seeds, LinkClock clock,
                    History history, WorkloadMetrics metrics) {
        this.metrics = metrics;
        this.options = options;
        this.connector = connector;
        this.seeds = List.copyOf(seeds);
        this.clock = clock;
        this.history = history == null ? new History() : history;
    }

    public WorkloadMetrics metrics() {
        return metrics;
    }

    public History history() {
        return history;
    }

    /** Every hop of every client (for an animation). */
    public Workload onHops(Consumer<ClientEvent> sink) {
        this.hops = sink;
        return this;
    }

    /** Every key the workload may write. */
    public List<String> keys() {
        return new KeyChooser(options, new Random(0)).all();
    }

    /** Asks every client to stop after its current operation. */
    public void stop() {
        stopped = true;
    }

    /** Starts every client as an actor of the simulation, running for {@code durationMillis} of virtual time. */
    public List<SimActors.Actor> spawn(SimActors actors, long durationMillis) {
        long until = clock.nowMillis() + durationMillis;
        List<SimActors.Actor> spawned = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            int index = i;
            spawned.add(actors.spawn("client-" + i, () -> runClient(index, until)));
        }
        return spawned;
    }

    /** Runs every client on its own thread for {@code durationMillis} of wall time and waits for them. */
    public void runThreads(long durationMillis) throws InterruptedException {
        long until = clock.nowMillis() + durationMillis;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            int index = i;
            Thread t = new Thread(() -> runClient(index, until), "workload-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** One client's loop: pick keys, read or write, record, keep to the rate. */
    void runClient(int index, long untilMillis) {
        String name = "client-" + index;
        Random random = new Random(options.seed() * 1_000_003L + index);
        KeyChooser chooser = new KeyChooser(options, random);
        double intervalMillis = options.opsPerSecond() > 0 ? options.clients() * 1000.0 / options.opsPerSecond() : 0;
        // spread the clients' first operations over one interval, so they do not all fire at once
        long start = clock.nowMillis() + (long) (intervalMillis * index / options.clients());
        ClusterClient client = new ClusterClient(name, connector, seeds, clock,
                options.client().withSeed(options.seed() * 31 + index), e -> {
                    metrics.onEvent(e);
                    hops.accept(e);
                });
        try {
            long n = 0;
            while (!stopped && clock.nowMillis() < untilMillis) {
                long due = start + (long) (n * intervalMillis);
                if (due > clock.nowMillis()) {
                    clock.sleep(due - clock.nowMillis());
                    if (clock.nowMillis() >= untilMillis) {
                        break;
                    }
                }
                n++;
                runOne(client, name, n, chooser.next(), random.nextDouble() < options.readRatio());
            }
        } finally {
            client.close();
        }
    }

    private void runOne(ClusterClient client, String name, long n, List<String> keys, boolean read) {
        List<String> values = null;
        byte[][] argv;
        if (read) {
            argv = new byte[keys.size() + 1][];
            argv[0] = bytes(keys.size() == 1 ? "GET" : "MGET");
            for (int i = 0; i < keys.size(); i++) {
                argv[i + 1] = bytes(keys.get(i));
            }
        } else {
            String value = value(name, n);
            values = new ArrayList<>();
            argv = new byte[keys.size() * 2 + 1][];
            argv[0] = bytes(keys.size() == 1 ? "SET" : "MSET");
            for (int i = 0; i < keys.size(); i++) {
                argv[2 * i + 1] = bytes(keys.get(i));
                argv[2 * i + 2] = bytes(value);
                values.add(value);
            }
        }
        long id = history.invoke(name, read ? Operation.Kind.READ : Operation.Kind.WRITE, keys, values,
                clock.nowMillis());
        long startMicros = clock.nowMicros();
        ClusterClient.Outcome outcome = client.call(argv);
        long latency = clock.nowMicros() - startMicros;
        Operation.Status status = outcome.acknowledged() ? Operation.Status.OK
                : outcome.maybeApplied() ? Operation.Status.UNKNOWN : Operation.Status.FAILED;
        history.complete(id, status, outcome.node(), outcome.acknowledged() && read ? readValues(outcome.reply())
                : null, clock.nowMillis());
        metrics.completed(clock.nowMillis(), latency, outcome.acknowledged() ? null : errorKind(outcome));
    }

    private String value(String client, long n) {
        StringBuilder v = new StringBuilder(client.replace("client-", "c")).append('-').append(n);
        while (v.length() < options.valueSize()) {
            v.append('.');
        }
        return v.toString();
    }

    static String errorKind(ClusterClient.Outcome outcome) {
        if (outcome.giveUp() == ClusterClient.GiveUp.DEADLINE) {
            return "DEADLINE";
        }
        if (outcome.reply() instanceof Reply.Error error) {
            return error.code();
        }
        return outcome.lastError() == null ? "UNKNOWN" : outcome.lastError().name();
    }

    private static List<String> readValues(Reply reply) {
        List<String> out = new ArrayList<>();
        if (reply instanceof Reply.ArrayReply array) {
            for (Reply r : array.elements()) {
                out.add(r instanceof Reply.BulkString b ? b.asString() : null);
            }
        } else {
            out.add(reply instanceof Reply.BulkString b ? b.asString() : null);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
