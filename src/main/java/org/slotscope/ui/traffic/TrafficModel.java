package org.slotscope.ui.traffic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slotscope.client.ClientEvent;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.RedirectKind;
import org.slotscope.ui.sim.BusKind;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * Turns what happens on the wire into messages to draw.
 *
 * <p>From the engine: a request of an animated client (the console's CommandExecuted) flies from
 * the client to its node; a Redirected flies to the node and bounces back labelled MOVED, ASK,
 * TRYAGAIN or the error; a KeysMigrated flies from source to target; bus messages only in the groups
 * asked for.
 *
 * <p>From the workload's clients (their hops): each request flies to the node it was sent to, along
 * its slot; a MOVED, ASK, TRYAGAIN or failure bounces back from that node, labelled, once the
 * request has landed; the retry then flies in the colour of what caused it (after an ASK, labelled
 * ASKING). The hops of one operation are chained so they read in order even when they arrive in one
 * frame.
 *
 * <p>Flights live on the frame clock (nanoseconds), {@link #FLIGHT_NANOS} each, so a burst at one
 * virtual instant is still readable: the engine's commands take no virtual time worth seeing (a
 * round trip is 2 ms), so interpolating on the virtual clock would show nothing at 1x. Plain Java,
 * tested without a window.
 */
public final class TrafficModel {
    public static final long FLIGHT_NANOS = 700_000_000L;
    /** At most this many flights kept; beyond it the oldest are dropped (and counted as not drawn). */
    public static final int MAX_ACTIVE = 20_000;
    /**
     * At most this many flights drawn in a frame: above it, requests are sampled (answers worth a
     * label are drawn first) and the rest are counted, so the window says how many it left out.
     */
    public static final int DRAW_BUDGET = 600;
    /** A workload's hop waits at most this long to leave (see {@link #leaveTime}). */
    public static final long MAX_LAG_NANOS = 400_000_000L;
    static final int HISTORY = 200;
    /** The golden ratio's fraction spreads consecutive flights' ranks evenly over [0, 1). */
    private static final double RANK_STEP = 0.6180339887498949;

    /** What one frame draws, and how many flights in the air it leaves out. */
    public record Visible(List<Flight> drawn, int inFlight, int hidden) {
    }

    /** Where one client's current operation is: when its last hop lands, and how the next one looks. */
    private static final class Chain {
        long op;
        long end;
        Flight.Kind next = Flight.Kind.REQUEST;
        String nextLabel;
    }

    private final Deque<Flight> active = new ArrayDeque<>();
    private final Deque<Flight> history = new ArrayDeque<>();
    private final Map<Flight.Kind, Flight> lastOfKind = new EnumMap<>(Flight.Kind.class);
    private final Map<Flight.Kind, Flight> lastBounceOfKind = new EnumMap<>(Flight.Kind.class);
    private final Map<Flight.Kind, Long> countOfKind = new EnumMap<>(Flight.Kind.class);
    private final Map<String, Chain> chains = new HashMap<>();
    private Map<String, String> idByAddress = Map.of();
    private long sequence;
    private long dropped;
    private double speed = 1.0;
    private long anchorVirtual = Long.MIN_VALUE;
    private long anchorWall;

    /** The nodes' ids by address (client hops name nodes by address; the ring places them by id). */
    public void setNodes(Map<String, String> idByAddress) {
        this.idByAddress = Map.copyOf(idByAddress);
    }

    /** Virtual milliseconds per wall millisecond, to space the workload's requests as they were sent. */
    public void setSpeed(double speed) {
        this.speed = speed > 0 ? speed : 1.0;
    }

    /**
     * When a hop sent at virtual time {@code virtualMillis} leaves on the frame clock: as long after
     * the previous hop as it was sent after it (divided by the speed), but not before now and at most
     * {@link #MAX_LAG_NANOS} ahead. The engine runs the clock in steps and the window drains events
     * once a frame, so hundreds of requests arrive together; started together they would fly as one
     * clump, where they were a stream.
     */
    long leaveTime(long virtualMillis, long nowNanos) {
        long wall = anchorVirtual == Long.MIN_VALUE ? nowNanos
                : anchorWall + (long) ((virtualMillis - anchorVirtual) * 1_000_000L / speed);
        long paced = Math.max(nowNanos, Math.min(nowNanos + MAX_LAG_NANOS, wall));
        anchorVirtual = virtualMillis;
        anchorWall = paced;
        return paced;
    }

    /** Adds the flights of one engine event, leaving now. */
    public void accept(ClusterEvent event, long nowNanos) {
        if (event instanceof ClusterEvent.CommandExecuted executed) {
            add(executed.error() ? Flight.Kind.ERROR : Flight.Kind.REQUEST, executed.slot(), null,
                    executed.node().value(), nowNanos, FLIGHT_NANOS, executed.command().toUpperCase(Locale.ROOT));
        } else if (event instanceof ClusterEvent.Redirected redirected) {
            Flight.Kind kind = kindOf(redirected.kind());
            String node = redirected.node().value();
            add(Flight.Kind.REQUEST, redirected.slot(), null, node, nowNanos, FLIGHT_NANOS / 2,
                    redirected.command().toUpperCase(Locale.ROOT));
            String label = redirected.kind() == RedirectKind.MOVED || redirected.kind() == RedirectKind.ASK
                    ? redirected.kind().name() + " " + redirected.slot() + " " + redirected.targetAddress()
                    : redirected.kind().errorCode();
            add(kind, redirected.slot(), node, null, nowNanos + FLIGHT_NANOS / 2, FLIGHT_NANOS, label);
        } else if (event instanceof ClusterEvent.KeysMigrated migrated) {
            add(Flight.Kind.KEYS, migrated.slot(), migrated.source().value(), migrated.target().value(), nowNanos,
                    FLIGHT_NANOS, migrated.keys() + " keys");
        } else if (event instanceof ClusterEvent.BusMessageSent bus && !bus.dropped()) {
            BusKind group = BusKind.of(bus.type());
            Flight.Kind kind = switch (group) {
                case GOSSIP -> Flight.Kind.GOSSIP;
                case FAIL -> Flight.Kind.FAIL;
                case FAILOVER -> Flight.Kind.FAILOVER;
            };
            add(kind, -1, bus.from().value(), bus.to().value(), nowNanos, FLIGHT_NANOS,
                    bus.type().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Adds the flight of one hop of a workload client, after the previous hop of the same operation. */
    public void accept(ClientEvent event, long nowNanos) {
        Chain chain = chains.computeIfAbsent(event.client(), c -> new Chain());
        long leave = leaveTime(event.time(), nowNanos);
        if (chain.op != event.op()) {
            chain.op = event.op();
            chain.end = leave;
            chain.next = Flight.Kind.REQUEST;
            chain.nextLabel = null;
        }
        long start = Math.max(leave, chain.end);
        if (event instanceof ClientEvent.Request request) {
            add(chain.next, request.slot(), null, idOf(request.node()), start, FLIGHT_NANOS, chain.nextLabel);
            chain.next = Flight.Kind.REQUEST;
            chain.nextLabel = null;
        } else if (event instanceof ClientEvent.Moved moved) {
            add(Flight.Kind.MOVED, moved.slot(), idOf(moved.node()), null, start, FLIGHT_NANOS,
                    "MOVED " + moved.slot() + " \u2192 " + NodeSnapshot.portOf(moved.target()));
            chain.next = Flight.Kind.MOVED;
        } else if (event instanceof ClientEvent.Ask ask) {
            add(Flight.Kind.ASK, ask.slot(), idOf(ask.node()), null, start, FLIGHT_NANOS,
                    "ASK " + ask.slot() + " \u2192 " + NodeSnapshot.portOf(ask.target()));
            chain.next = Flight.Kind.ASK;
            chain.nextLabel = "ASKING";
        } else if (event instanceof ClientEvent.TryAgain tryAgain) {
            add(Flight.Kind.TRYAGAIN, tryAgain.slot(), idOf(tryAgain.node()), null, start, FLIGHT_NANOS, "TRYAGAIN");
            chain.next = Flight.Kind.TRYAGAIN;
        } else if (event instanceof ClientEvent.Failed failed) {
            add(Flight.Kind.ERROR, -1, idOf(failed.node()), null, start, FLIGHT_NANOS, failed.kind().name());
        } else if (event instanceof ClientEvent.Replied replied && replied.error()) {
            add(Flight.Kind.ERROR, -1, idOf(replied.node()), null, start, FLIGHT_NANOS, "ERR");
        } else {
            return; // a plain reply is the request landing; a slot map refresh is not drawn
        }
        chain.end = start + FLIGHT_NANOS;
    }

    private String idOf(String address) {
        return idByAddress.getOrDefault(address, address);
    }

    private static Flight.Kind kindOf(RedirectKind kind) {
        return switch (kind) {
            case MOVED -> Flight.Kind.MOVED;
            case ASK -> Flight.Kind.ASK;
            case UNSTABLE -> Flight.Kind.TRYAGAIN;
            default -> Flight.Kind.ERROR;
        };
    }

    private void add(Flight.Kind kind, int slot, String from, String to, long start, long duration, String label) {
        double rank = (sequence++ * RANK_STEP) % 1.0;
        Flight flight = new Flight(kind, slot, from, to, start, duration, label, rank);
        active.add(flight);
        if (active.size() > MAX_ACTIVE) {
            active.removeFirst();
            dropped++;
        }
        history.addLast(flight);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        lastOfKind.put(kind, flight);
        if (from != null && to == null) {
            lastBounceOfKind.put(kind, flight);
        }
        countOfKind.merge(kind, 1L, Long::sum);
    }

    /** Every flight not landed yet, including those still waiting for their turn; landed ones are forgotten. */
    public List<Flight> active(long nowNanos) {
        active.removeIf(f -> f.landed(nowNanos));
        return List.copyOf(active);
    }

    /**
     * What to draw now, at most {@code budget} flights: every flight in the air when they fit; else
     * the answers (redirects, errors, migrations, bus messages) first and a stable sample of the plain
     * requests, with the count of those left out.
     */
    public Visible visible(long nowNanos, int budget) {
        active.removeIf(f -> f.landed(nowNanos));
        int requests = 0;
        int others = 0;
        for (Flight f : active) {
            if (f.started(nowNanos)) {
                if (f.kind() == Flight.Kind.REQUEST) {
                    requests++;
                } else {
                    others++;
                }
            }
        }
        int inFlight = requests + others;
        List<Flight> drawn = new ArrayList<>(Math.min(inFlight, budget));
        double otherShare = others <= budget ? 1.0 : budget / (double) others;
        int requestBudget = Math.max(0, budget - Math.min(others, budget));
        double requestShare = requests <= requestBudget ? 1.0 : requestBudget / (double) requests;
        for (Flight f : active) {
            if (!f.started(nowNanos)) {
                continue;
            }
            double share = f.kind() == Flight.Kind.REQUEST ? requestShare : otherShare;
            if ((share >= 1.0 || f.rank() < share) && drawn.size() < budget) {
                drawn.add(f);
            }
        }
        return new Visible(drawn, inFlight, inFlight - drawn.size());
    }

    /** The last flights added, oldest first, landed or not (for tests). */
    public List<Flight> recent() {
        return List.copyOf(history);
    }

    /** The newest flight of a kind since the last clear, or null (for tests and the window's checks). */
    public Flight lastOf(Flight.Kind kind) {
        return lastOfKind.get(kind);
    }

    /** The newest flight of a kind flying back from a node to the client (a MOVED bounce ...), or null. */
    public Flight lastBounceOf(Flight.Kind kind) {
        return lastBounceOfKind.get(kind);
    }

    /** How many flights of a kind were added since the last clear. */
    public long countOf(Flight.Kind kind) {
        return countOfKind.getOrDefault(kind, 0L);
    }

    /** Flights dropped unseen because more than {@link #MAX_ACTIVE} were in the air. */
    public long dropped() {
        return dropped;
    }

    public void clear() {
        active.clear();
        history.clear();
        chains.clear();
        anchorVirtual = Long.MIN_VALUE;
        lastOfKind.clear();
        lastBounceOfKind.clear();
        countOfKind.clear();
        dropped = 0;
    }
}
