package org.slotscope.ui.sim;

import org.slotscope.engine.bytes.PackedArgv;

/**
 * Something the window did to the simulated cluster, stamped with the virtual time it happened at.
 * The engine is a function of (seed, shape, inputs), so these are all a rewind needs to rebuild any
 * earlier moment. Every action of the window reaches the engine as a client command (a console line,
 * a MIGRATE of a reshard, SLOTSCOPE CRASH, CLUSTER FAILOVER), so connections and commands suffice,
 * except the client workload: it runs inside the simulation on the virtual clock, so its start and
 * stop are journaled, not its thousands of requests.
 */
public sealed interface Input {
    long time();

    /** A client connection opened to {@code nodeId}; later commands name it by {@code session}. */
    record Connect(long time, int session, String nodeId) implements Input {
    }

    /** Connection {@code session} closed (it only changes the client count INFO reports). */
    record Disconnect(long time, int session) implements Input {
    }

    /**
     * One command sent on connection {@code session}, executed at {@code time}. A session keeps every
     * command for as long as it runs (a reshard sends hundreds of thousands), so the arguments are
     * packed into one array ({@link PackedArgv}): two objects per command instead of one per argument
     * plus a list, which is less for the collector to copy while the session is young.
     */
    final class Command implements Input {
        private final long time;
        private final int session;
        private final byte[] packed;

        public Command(long time, int session, byte[][] argv) {
            this.time = time;
            this.session = session;
            this.packed = PackedArgv.pack(argv);
        }

        @Override
        public long time() {
            return time;
        }

        public int session() {
            return session;
        }

        /** The arguments, as sent (a new array each time). */
        public byte[][] argv() {
            return PackedArgv.unpack(packed);
        }

        /** The first argument (the command's name), without unpacking the rest. */
        public String name() {
            return PackedArgv.head(packed, 1);
        }

        @Override
        public String toString() {
            return "Command[time=" + time + ", session=" + session + ", " + name() + "]";
        }
    }

    /**
     * The client workload started with {@code settings} and {@code seed}, replacing any running one
     * (a change of rate is a new start).
     */
    record WorkloadStarted(long time, WorkloadSettings settings, long seed) implements Input {
    }

    /** The client workload stopped (each client after its current operation). */
    record WorkloadStopped(long time) implements Input {
    }
}
