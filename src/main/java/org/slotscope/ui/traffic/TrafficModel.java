package org.slotscope.ui.traffic;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.RedirectKind;

/**
 * Turns the engine's events into messages to draw: a request (CommandExecuted of an animated client)
 * flies from the client to its node; a Redirected flies to the node and bounces back labelled MOVED,
 * ASK, TRYAGAIN or the error; a KeysMigrated flies from source to target; bus messages only when
 * asked. Flights live on the frame clock (nanoseconds), a fixed time each, so a burst at one
 * virtual instant is still readable. Plain Java, tested without a window.
 */
public final class TrafficModel {
    public static final long FLIGHT_NANOS = 700_000_000L;
    /** At most this many flights at once; beyond it the oldest are dropped (a picture, not a log). */
    public static final int MAX_ACTIVE = 400;
    static final int HISTORY = 200;

    private final List<Flight> active = new ArrayList<>();
    private final Deque<Flight> history = new ArrayDeque<>();

    /** Adds the flights of one engine event, leaving now. */
    public void accept(ClusterEvent event, long nowNanos) {
        if (event instanceof ClusterEvent.CommandExecuted executed) {
            add(new Flight(executed.error() ? Flight.Kind.ERROR : Flight.Kind.REQUEST, executed.slot(), null,
                    executed.node().value(), nowNanos, FLIGHT_NANOS, executed.command().toUpperCase()));
        } else if (event instanceof ClusterEvent.Redirected redirected) {
            Flight.Kind kind = kindOf(redirected.kind());
            String node = redirected.node().value();
            add(new Flight(Flight.Kind.REQUEST, redirected.slot(), null, node, nowNanos, FLIGHT_NANOS / 2,
                    redirected.command().toUpperCase()));
            String label = redirected.kind() == RedirectKind.MOVED || redirected.kind() == RedirectKind.ASK
                    ? redirected.kind().name() + " " + redirected.slot() + " " + redirected.targetAddress()
                    : labelOf(redirected.kind());
            add(new Flight(kind, redirected.slot(), node, null, nowNanos + FLIGHT_NANOS / 2, FLIGHT_NANOS, label));
        } else if (event instanceof ClusterEvent.KeysMigrated migrated) {
            add(new Flight(Flight.Kind.KEYS, migrated.slot(), migrated.source().value(), migrated.target().value(),
                    nowNanos, FLIGHT_NANOS, migrated.keys() + " keys"));
        } else if (event instanceof ClusterEvent.BusMessageSent bus && !bus.dropped()) {
            add(new Flight(Flight.Kind.BUS, -1, bus.from().value(), bus.to().value(), nowNanos, FLIGHT_NANOS,
                    bus.type()));
        }
    }

    private static Flight.Kind kindOf(RedirectKind kind) {
        return switch (kind) {
            case MOVED -> Flight.Kind.MOVED;
            case ASK -> Flight.Kind.ASK;
            case UNSTABLE -> Flight.Kind.TRYAGAIN;
            default -> Flight.Kind.ERROR;
        };
    }

    private static String labelOf(RedirectKind kind) {
        return switch (kind) {
            case UNSTABLE -> "TRYAGAIN";
            case CROSS_SLOT -> "CROSSSLOT";
            default -> "CLUSTERDOWN";
        };
    }

    private void add(Flight flight) {
        active.add(flight);
        if (active.size() > MAX_ACTIVE) {
            active.remove(0);
        }
        history.addLast(flight);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** The flights to draw now; landed ones are forgotten. */
    public List<Flight> active(long nowNanos) {
        active.removeIf(f -> f.landed(nowNanos));
        return List.copyOf(active);
    }

    /** The last flights added, oldest first, landed or not (for the event list and tests). */
    public List<Flight> recent() {
        return List.copyOf(history);
    }

    public void clear() {
        active.clear();
        history.clear();
    }
}
