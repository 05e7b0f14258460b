package org.slotscope.ui.sim;

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
     * packed into one array, each as its length (7 bits a byte, low bits first) and its bytes: two
     * objects per command instead of one per argument plus a list, which is less for the collector
     * to copy while the session is young.
     */
    final class Command implements Input {
        private final long time;
        private final int session;
        private final byte[] packed;

        public Command(long time, int session, byte[][] argv) {
            this.time = time;
            this.session = session;
            this.packed = pack(argv);
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
            int[] at = {0};
            byte[][] argv = new byte[readLength(packed, at)][];
            for (int i = 0; i < argv.length; i++) {
                int length = readLength(packed, at);
                argv[i] = java.util.Arrays.copyOfRange(packed, at[0], at[0] + length);
                at[0] += length;
            }
            return argv;
        }

        /** The first argument (the command's name), without unpacking the rest. */
        public String name() {
            int[] at = {0};
            if (readLength(packed, at) == 0) {
                return "";
            }
            int length = readLength(packed, at);
            return new String(packed, at[0], length, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static byte[] pack(byte[][] argv) {
            int size = lengthSize(argv.length);
            for (byte[] arg : argv) {
                size += lengthSize(arg.length) + arg.length;
            }
            // sized exactly, written in place: this runs on the engine thread for every journaled command
            byte[] out = new byte[size];
            int at = writeLength(out, 0, argv.length);
            for (byte[] arg : argv) {
                at = writeLength(out, at, arg.length);
                System.arraycopy(arg, 0, out, at, arg.length);
                at += arg.length;
            }
            return out;
        }

        private static int lengthSize(int length) {
            int size = 1;
            while ((length >>>= 7) != 0) {
                size++;
            }
            return size;
        }

        /** Writes {@code length} at {@code at}; returns where the next byte goes. */
        private static int writeLength(byte[] out, int at, int length) {
            while ((length & ~0x7F) != 0) {
                out[at++] = (byte) ((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            out[at++] = (byte) length;
            return at;
        }

        private static int readLength(byte[] in, int[] at) {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in[at[0]++];
                length |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return length;
                }
            }
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
