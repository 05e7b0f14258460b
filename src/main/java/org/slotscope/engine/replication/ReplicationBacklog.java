package org.slotscope.engine.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.bytes.PackedArgv;

/**
 * A master's replication backlog (repl-backlog-size, 1 MB by default): the most recent part of its
 * write stream, so a replica that missed a little can catch up (PSYNC) instead of a full resync,
 * and so the simulator can say exactly which acknowledged writes a failover lost.
 */
public final class ReplicationBacklog {
    public static final long DEFAULT_SIZE = 1024 * 1024;

    /**
     * One command of the stream: it occupies offsets (startOffset, endOffset]. Its arguments are
     * packed into one array ({@link PackedArgv}): the backlog holds a megabyte of commands per node,
     * and whatever it holds when the collector runs is copied, so one object per command instead of
     * one per argument keeps those copies short while slots migrate.
     */
    public static final class Entry {
        private final long startOffset;
        private final long endOffset;
        private final long time;
        private final byte[] packed;

        public Entry(long startOffset, long endOffset, long time, byte[][] argv) {
            this.startOffset = startOffset;
            this.endOffset = endOffset;
            this.time = time;
            this.packed = PackedArgv.pack(argv);
        }

        public long startOffset() {
            return startOffset;
        }

        public long endOffset() {
            return endOffset;
        }

        public long time() {
            return time;
        }

        /** The command's arguments (a new array each time). */
        public byte[][] argv() {
            return PackedArgv.unpack(packed);
        }

        /** The first three arguments, then "..." when there are more. */
        public String summary() {
            String head = PackedArgv.head(packed, 3);
            return PackedArgv.count(packed) > 3 ? head + " ..." : head;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final long size;
    private long bytes;

    public ReplicationBacklog(long size) {
        this.size = size;
    }

    public Entry append(long startOffset, long endOffset, long time, byte[][] argv) {
        return append(new Entry(startOffset, endOffset, time, argv));
    }

    /** Appends an entry as it came from a master (a replica keeps its master's stream). */
    public Entry append(Entry entry) {
        long startOffset = entry.startOffset();
        long endOffset = entry.endOffset();
        entries.addLast(entry);
        bytes += endOffset - startOffset;
        while (bytes > size && entries.size() > 1) {
            Entry dropped = entries.removeFirst();
            bytes -= dropped.endOffset() - dropped.startOffset();
        }
        return entry;
    }


    /** The entries after {@code offset}, oldest first. */
    public List<Entry> after(long offset) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.endOffset() > offset) {
                out.add(e);
            }
        }
        return out;
    }

    public void clear() {
        entries.clear();
        bytes = 0;
    }
}
