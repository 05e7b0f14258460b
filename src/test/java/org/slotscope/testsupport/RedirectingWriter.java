package org.slotscope.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * Concurrent writes for the operation tests: a thread that keeps overwriting a fixed set of keys
 * (so the number of keys never changes) and follows MOVED, ASK (with ASKING) and TRYAGAIN as a
 * cluster client must, remembering the last value each key was acknowledged with. Afterwards
 * {@link #verify()} reads every key back the same way: an acknowledged write that is not there is a
 * lost write. A small client of its own: the cluster-aware client of the app is a separate piece.
 */
public final class RedirectingWriter implements AutoCloseable {
    private final Connector connect;
    private final String seed;
    private final List<String> keys;
    private final Map<String, NodeLink> links = new HashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong redirects = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private final Thread thread;

    private RedirectingWriter(Connector connect, String seed, List<String> keys) {
        this.connect = connect;
        this.seed = seed;
        this.keys = keys;
        this.thread = new Thread(this::loop, "redirecting-writer");
        this.thread.setDaemon(true);
    }

    /** Starts overwriting {@code keys} (which must already exist) through {@code seed}. */
    public static RedirectingWriter start(Connector connect, String seed, List<String> keys) {
        RedirectingWriter writer = new RedirectingWriter(connect, seed, keys);
        writer.thread.start();
        return writer;
    }

    private void loop() {
        long n = 0;
        try {
            while (running) {
                String key = keys.get((int) (n % keys.size()));
                String value = "w" + n;
                Reply reply = command(key, "SET", key, value);
                if (!Replies.text(reply).equals("OK")) {
                    throw new AssertionError("SET " + key + " answered " + reply);
                }
                acknowledged.put(key, value);
                writes.incrementAndGet();
                n++;
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Sends a one-key command, following redirects: at most 16 hops, as redis-cli -c allows. */
    private Reply command(String key, String... words) throws InterruptedException {
        String address = seed;
        boolean asking = false;
        for (int hop = 0; hop < 16; hop++) {
            NodeLink link = link(address);
            if (asking) {
                link.send("ASKING");
            }
            Reply reply = link.send(words);
            if (reply instanceof Reply.Error error) {
                String[] parts = error.message().split(" ");
                switch (parts[0]) {
                    case "MOVED" -> {
                        address = parts[2];
                        asking = false;
                        redirects.incrementAndGet();
                        continue;
                    }
                    case "ASK" -> {
                        address = parts[2];
                        asking = true;
                        redirects.incrementAndGet();
                        continue;
                    }
                    case "TRYAGAIN", "CLUSTERDOWN" -> {
                        Thread.sleep(20);
                        address = seed;
                        asking = false;
                        continue;
                    }
                    default -> {
                        return reply;
                    }
                }
            }
            return reply;
        }
        throw new AssertionError("more than 16 redirects for " + key);
    }

    private NodeLink link(String address) {
        return links.computeIfAbsent(address, connect::connect);
    }

    /** Stops writing and returns how many writes were acknowledged; rethrows what went wrong. */
    public long stop() throws InterruptedException {
        running = false;
        thread.join(30_000);
        if (failure != null) {
            throw new AssertionError("the writer failed: " + failure, failure);
        }
        return writes.get();
    }

    public long redirects() {
        return redirects.get();
    }

    /** Every key holds the last value it was acknowledged with. Call after {@link #stop()}. */
    public void verify() throws InterruptedException {
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            Reply reply = command(e.getKey(), "GET", e.getKey());
            String actual = Replies.text(reply);
            if (!e.getValue().equals(actual)) {
                throw new AssertionError("lost write: " + e.getKey() + " was acknowledged as " + e.getValue()
                        + " but reads " + actual);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        links.values().forEach(l -> {
            try {
                l.close();
            } catch (LinkException ignored) {
                // closing anyway
            }
        });
    }
}
