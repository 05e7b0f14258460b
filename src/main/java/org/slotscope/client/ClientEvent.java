package org.slotscope.client;

/**
 * One hop of one client operation, for the animation and the metrics: the command sent to a node,
 * the node's answer, or what went wrong on the way. {@code op} numbers the operation within its
 * client, so the hops of one call can be grouped; {@code time} comes from the client's
 * {@link LinkClock} (virtual on the simulator, wall clock since start on a real cluster).
 */
public sealed interface ClientEvent {
    long time();

    String client();

    long op();

    /** The command left for {@code node}; {@code asking} when it was preceded by ASKING. */
    record Request(long time, String client, long op, String node, String command, int slot, boolean asking)
            implements ClientEvent {
    }

    /** The node answered with a reply (possibly an error that is not a redirect: WRONGTYPE, CROSSSLOT...). */
    record Replied(long time, String client, long op, String node, boolean error) implements ClientEvent {
    }

    /** -MOVED: the slot lives at {@code target}; the client's slot cache is updated. */
    record Moved(long time, String client, long op, String node, int slot, String target) implements ClientEvent {
    }

    /** -ASK: this one command goes to {@code target}, preceded by ASKING; the cache is left alone. */
    record Ask(long time, String client, long op, String node, int slot, String target) implements ClientEvent {
    }

    /** -TRYAGAIN: a multi-key command during a slot move; the client waits {@code backoffMillis}. */
    record TryAgain(long time, String client, long op, String node, int slot, long backoffMillis)
            implements ClientEvent {
    }

    /** -CLUSTERDOWN or the node could not be reached: the client tries another node. */
    record Failed(long time, String client, long op, String node, ErrorKind kind, String message)
            implements ClientEvent {
    }

    /** The slot cache was loaded again from {@code node} (CLUSTER SLOTS). */
    record SlotsRefreshed(long time, String client, String node) implements ClientEvent {
        @Override
        public long op() {
            return -1;
        }
    }

    /** What went wrong on a hop. */
    enum ErrorKind {
        /** -CLUSTERDOWN (the cluster is down, or the slot is not served). */
        CLUSTERDOWN,
        /** The node could not be reached or refused the connection. */
        UNREACHABLE,
        /** The node did not answer in time: the command may still have run. */
        TIMEOUT,
        /** Any other error reply the client gave up on. */
        OTHER
    }
}
