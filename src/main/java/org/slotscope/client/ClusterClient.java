package org.slotscope.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkClock;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * A cluster-aware client over {@link NodeLink}s, so the same code talks to the simulator and to a
 * real cluster. It follows Jedis's ClusterCommandExecutor: one retry loop owns redirects, bounded by
 * {@code maxAttempts} and a deadline; a MOVED patches the slot cache and asks for a full refresh
 * (CLUSTER SLOTS) before the next command; an ASK sends ASKING and the command to the target once,
 * leaving the cache alone; connection failures back off (millisLeft / attemptsLeft², Jedis's
 * getBackoffSleepMillis) and renew the cache from the second one on. Unlike Jedis it also retries -TRYAGAIN after a
 * back-off and -CLUSTERDOWN on another node, because a teaching client should ride out a slot move
 * and a failover rather than surface them.
 *
 * <p>Not thread-safe: one client per thread (or per simulated actor), like one redis-cli.
 */
public final class ClusterClient implements AutoCloseable {
    private static final CommandTable COMMANDS = CommandTable.standard();

    /**
     * {@code smart}: route by the slot cache (false: a "dumb" client that sends every command to a
     * random node and follows redirects, so MOVED is the rule); {@code readFromReplicas}: read-only
     * commands go to a replica of the slot after READONLY; {@code maxAttempts} and
     * {@code maxTotalRetriesMillis} as Jedis names them (defaults 5 and 5 x 2000 ms);
     * {@code tryAgainBackoffMillis}: the wait after -TRYAGAIN; {@code seed} for the random choices.
     */
    public record Options(boolean smart, boolean readFromReplicas, int maxAttempts, long maxTotalRetriesMillis,
                          long tryAgainBackoffMillis, long seed) {
        public static final Options DEFAULTS = new Options(true, false, 5, 10_000, 20, 1);

        public Options {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
            }
            if (maxTotalRetriesMillis < 1 || tryAgainBackoffMillis < 0) {
                throw new IllegalArgumentException("the deadline must be positive and the back-off not negative");
            }
        }

        public Options dumb() {
            return new Options(false, readFromReplicas, maxAttempts, maxTotalRetriesMillis, tryAgainBackoffMillis,
                    seed);
        }

        public Options readingFromReplicas() {
            return new Options(smart, true, maxAttempts, maxTotalRetriesMillis, tryAgainBackoffMillis, seed);
        }

        public Options withMaxAttempts(int attempts) {
            return new Options(smart, readFromReplicas, attempts, maxTotalRetriesMillis, tryAgainBackoffMillis, seed);
        }

        public Options withDeadline(long millis) {
            return new Options(smart, readFromReplicas, maxAttempts, millis, tryAgainBackoffMillis, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(smart, readFromReplicas, maxAttempts, maxTotalRetriesMillis, tryAgainBackoffMillis,
                    newSeed);
        }
    }

    /** Why a call gave up without a usable reply. */
    public enum GiveUp {
        /** "No more cluster attempts left." */
        MAX_ATTEMPTS,
        /** "Cluster retry deadline exceeded." */
        DEADLINE
    }

    /**
     * The end of one call. {@code reply} is the last node's answer (null if none came);
     * {@code node} the node that gave it; {@code giveUp} is set when the client stopped retrying,
     * {@code lastError} says what the last failed hop was, and {@code maybeApplied} is true when a
     * hop timed out, so the command may have run although no reply says so.
     */
    public record Outcome(Reply reply, String node, int hops, GiveUp giveUp, ClientEvent.ErrorKind lastError,
                          boolean maybeApplied) {
        /** A reply that is not an error: the node ran the command. */
        public boolean acknowledged() {
            return giveUp == null && reply != null && !reply.isError();
        }
    }

    private final String name;
    private final Connector connector;
    private final LinkClock clock;
    private final Options options;
    private final Consumer<ClientEvent> events;
    private final Random random;
    private final SlotCache cache = new SlotCache();
    /** Every node the client has heard of, in the order it heard of them (deterministic choices). */
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, NodeLink> links = new LinkedHashMap<>();
    private final Set<String> readOnlyLinks = new HashSet<>();
    private boolean refreshPending = true;
    private long ops;

    public ClusterClient(String name, Connector connector, List<String> seeds, LinkClock clock, Options options,
                         Consumer<ClientEvent> events) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a cluster client needs at least one node to start from");
        }
        this.name = name;
        this.connector = connector;
        this.clock = clock;
        this.options = options;
        this.events = events == null ? e -> { } : events;
        this.random = new Random(options.seed());
        known.addAll(seeds);
    }

    public String name() {
        return name;
    }

    public Options options() {
        return options;
    }

    /** The node the cache says serves {@code slot}, or null. */
    public String cachedMaster(int slot) {
        return cache.master(slot);
    }

    /** Runs a command given as words and returns its reply; throws when the client gave up. */
    public Reply execute(String... words) {
        Outcome outcome = call(org.slotscope.link.NodeLink.argv(words));
        if (outcome.giveUp() != null) {
            throw new ClusterClientException(outcome);
        }
        return outcome.reply();
    }

    /** Runs one command with redirects and retries. */
    public Outcome call(byte[]... argv) {
        long op = ++ops;
        if (refreshPending && options.smart()) {
            refreshSlots();
        }
        int slot = slotOf(argv);
        boolean readOnly = isReadOnly(argv);
        String command = new String(argv[0], StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
        long deadline = clock.nowMillis() + options.maxTotalRetriesMillis();
        String redirect = null;
        boolean asking = false;
        Set<String> failedNodes = new LinkedHashSet<>();
        boolean maybeApplied = false;
        Reply lastReply = null;
        String lastNode = null;
        ClientEvent.ErrorKind lastError = null;
        int connectionFailures = 0;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            if (attempt > 1 && clock.nowMillis() >= deadline) {
                return new Outcome(lastReply, lastNode, attempt - 1, GiveUp.DEADLINE, lastError, maybeApplied);
            }
            int attemptsLeft = options.maxAttempts() - attempt;
            String node = redirect != null ? redirect : choose(slot, readOnly, failedNodes);
            if (node == null) {
                return new Outcome(lastReply, lastNode, attempt - 1, GiveUp.MAX_ATTEMPTS,
                        ClientEvent.ErrorKind.UNREACHABLE, maybeApplied);
            }
            boolean toReplica = redirect == null && readOnly && options.readFromReplicas() && slot >= 0
                    && options.smart() && !node.equals(cache.master(slot));
            boolean wasAsking = asking;
            redirect = null;
            asking = false;
            lastNode = node;
            events.accept(new ClientEvent.Request(clock.nowMillis(), name, op, node, command, slot, wasAsking));
            Reply reply;
            try {
                NodeLink link = link(node);
                if (toReplica && readOnlyLinks.add(node)) {
                    link.send("READONLY");
                }
                if (wasAsking) {
                    link.send("ASKING");
                }
                reply = link.send(argv);
            } catch (LinkException e) {
                boolean timeout = e.reason() == LinkException.Reason.TIMEOUT;
                lastError = timeout ? ClientEvent.ErrorKind.TIMEOUT : ClientEvent.ErrorKind.UNREACHABLE;
                maybeApplied |= timeout;
                lastReply = null;
                events.accept(new ClientEvent.Failed(clock.nowMillis(), name, op, node, lastError, e.getMessage()));
                drop(node);
                failedNodes.add(node);
                connectionFailures++;
                // handleConnectionProblem: back off and renew the slots from the second failure on.
                // Jedis counts consecutive failures and a MOVED resets the count; here a MOVED back to
                // the dead master does not, or the client would spin through its attempts in a few
                // round trips while the replica's election needs node_timeout and more.
                if (connectionFailures >= 2 || attemptsLeft == 0) {
                    backOff(attemptsLeft, deadline);
                    if (options.smart()) {
                        refreshSlots();
                    }
                }
                continue;
            }
            lastReply = reply;
            if (reply instanceof Reply.Error error) {
                Redirect parsed = Redirect.parse(error.message());
                switch (error.code()) {
                    case "MOVED" -> {
                        events.accept(new ClientEvent.Moved(clock.nowMillis(), name, op, node, parsed.slot(),
                                parsed.target()));
                        if (options.smart()) {
                            cache.moved(parsed.slot(), parsed.target());
                            refreshPending = true; // Jedis renews the whole cache after a MOVED
                        }
                        known.add(parsed.target());
                        redirect = parsed.target();
                        lastError = null;
                        continue;
                    }
                    case "ASK" -> {
                        events.accept(new ClientEvent.Ask(clock.nowMillis(), name, op, node, parsed.slot(),
                                parsed.target()));
                        known.add(parsed.target());
                        redirect = parsed.target();
                        asking = true;
                        lastError = null;
                        continue;
                    }
                    case "TRYAGAIN" -> {
                        long wait = options.tryAgainBackoffMillis();
                        events.accept(new ClientEvent.TryAgain(clock.nowMillis(), name, op, node, slot, wait));
                        lastError = ClientEvent.ErrorKind.OTHER;
                        if (attemptsLeft > 0) {
                            clock.sleep(wait);
                        }
                        continue;
                    }
                    case "CLUSTERDOWN" -> {
                        lastError = ClientEvent.ErrorKind.CLUSTERDOWN;
                        events.accept(new ClientEvent.Failed(clock.nowMillis(), name, op, node, lastError,
                                error.message()));
                        failedNodes.add(node);
                        refreshPending = true;
                        if (attemptsLeft > 0) {
                            backOff(attemptsLeft, deadline);
                        }
                        continue;
                    }
                    default -> {
                        // an answer about the command itself (WRONGTYPE, CROSSSLOT, ...): retrying would not help
                    }
                }
            }
            events.accept(new ClientEvent.Replied(clock.nowMillis(), name, op, node, reply.isError()));
            return new Outcome(reply, node, attempt, null, reply.isError() ? ClientEvent.ErrorKind.OTHER : null,
                    maybeApplied);
        }
        return new Outcome(lastReply, lastNode, options.maxAttempts(), GiveUp.MAX_ATTEMPTS, lastError, maybeApplied);
    }

    /** getBackoffSleepMillis: a random wait up to millisLeft / attemptsLeft². */
    private void backOff(int attemptsLeft, long deadline) {
        if (attemptsLeft <= 0) {
            return;
        }
        long millisLeft = deadline - clock.nowMillis();
        if (millisLeft <= 0) {
            return;
        }
        long max = millisLeft / ((long) attemptsLeft * attemptsLeft);
        clock.sleep(max <= 0 ? 0 : (long) (random.nextDouble() * (max + 1)));
    }

    /** Which node gets the next attempt: the slot's owner for a smart client, else a random known node. */
    private String choose(int slot, boolean readOnly, Set<String> failedNodes) {
        if (options.smart() && slot >= 0) {
            String master = cache.master(slot);
            if (readOnly && options.readFromReplicas()) {
                List<String> copies = new ArrayList<>(cache.replicas(slot));
                copies.removeAll(failedNodes);
                if (!copies.isEmpty()) {
                    return copies.get(random.nextInt(copies.size()));
                }
            }
            if (master != null && !failedNodes.contains(master)) {
                return master;
            }
        }
        List<String> candidates = new ArrayList<>(known);
        candidates.removeAll(failedNodes);
        if (candidates.isEmpty()) {
            // every node failed once in this call: start over rather than give up early
            candidates = new ArrayList<>(known);
            failedNodes.clear();
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    /** Loads the slot cache from the first node that answers CLUSTER SLOTS (renewSlotCache). */
    public void refreshSlots() {
        refreshPending = false;
        List<String> order = new ArrayList<>(known);
        int start = order.isEmpty() ? 0 : random.nextInt(order.size());
        for (int i = 0; i < order.size(); i++) {
            String node = order.get((start + i) % order.size());
            try {
                Reply reply = link(node).send("CLUSTER", "SLOTS");
                if (reply instanceof Reply.ArrayReply) {
                    known.addAll(cache.load(reply));
                    events.accept(new ClientEvent.SlotsRefreshed(clock.nowMillis(), name, node));
                    return;
                }
            } catch (LinkException e) {
                drop(node);
            }
        }
        refreshPending = true; // nobody answered: try again before the next command
    }

    private NodeLink link(String node) {
        NodeLink link = links.get(node);
        if (link == null) {
            link = connector.connect(node);
            links.put(node, link);
        }
        return link;
    }

    private void drop(String node) {
        NodeLink link = links.remove(node);
        readOnlyLinks.remove(node);
        if (link != null) {
            try {
                link.close();
            } catch (RuntimeException ignored) {
                // a dead connection may fail to close; it is gone either way
            }
        }
    }

    /** The slot of the command's first key, or -1 for a command without keys. */
    static int slotOf(byte[][] argv) {
        CommandSpec spec = COMMANDS.lookup(new String(argv[0], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT));
        if (spec == null || !spec.hasKeys()) {
            return -1;
        }
        int[] keys = spec.keyIndexes(argv);
        return keys.length == 0 ? -1 : HashSlot.of(argv[keys[0]]);
    }

    private static boolean isReadOnly(byte[][] argv) {
        CommandSpec spec = COMMANDS.lookup(new String(argv[0], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT));
        return spec != null && spec.has(CommandFlag.READONLY) && !spec.has(CommandFlag.WRITE);
    }

    @Override
    public void close() {
        for (String node : new ArrayList<>(links.keySet())) {
            drop(node);
        }
    }

    /** MOVED / ASK: "MOVED 3999 127.0.0.1:6381". */
    record Redirect(int slot, String target) {
        static Redirect parse(String message) {
            String[] words = message.split(" ");
            if (words.length < 3) {
                return new Redirect(-1, null);
            }
            try {
                return new Redirect(Integer.parseInt(words[1]), words[2]);
            } catch (NumberFormatException e) {
                return new Redirect(-1, null);
            }
        }
    }
}
