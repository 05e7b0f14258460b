package org.slotscope.ui.sim;

import java.util.List;

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

    /** One command sent on connection {@code session}, executed at {@code time}. */
    record Command(long time, int session, List<byte[]> argv) implements Input {
        public Command {
            argv = List.copyOf(argv);
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
