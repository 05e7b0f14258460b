package org.slotscope.engine.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The cluster's event stream. It keeps the most recent events (bounded, so a long benchmark does
 * not fill the heap), hands each one to listeners on the engine thread, and keeps a running
 * SHA-256 of the whole trace so two runs can be compared.
 */
public final class EventLog {
    public static final int DEFAULT_RETAINED = 200_000;

    private final int retained;
    private final ArrayDeque<ClusterEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final MessageDigest digest;
    private long total;

    public EventLog() {
        this(DEFAULT_RETAINED);
    }

    public EventLog(int retained) {
        this(retained, true);
    }

    /**
     * {@code hashTrace}: keep the running SHA-256 of the trace (tests and replays compare it); a
     * long-running `serve` or a benchmark can skip the cost of printing and hashing every event.
     */
    public EventLog(int retained, boolean hashTrace) {
        this.retained = retained;
        try {
            this.digest = hashTrace ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public void emit(ClusterEvent event) {
        total++;
        if (digest != null) {
            digest.update(event.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        if (retained > 0) {
            if (recent.size() == retained) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
        for (Consumer<ClusterEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    public void addListener(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ClusterEvent> listener) {
        listeners.remove(listener);
    }

    public List<ClusterEvent> recent() {
        return new ArrayList<>(recent);
    }

    public <T extends ClusterEvent> List<T> recent(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ClusterEvent e : recent) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public long total() {
        return total;
    }

    /** Hex SHA-256 of every event emitted so far, in order. */
    public String traceHash() {
        if (digest == null) {
            throw new IllegalStateException("this event log does not hash its trace");
        }
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
