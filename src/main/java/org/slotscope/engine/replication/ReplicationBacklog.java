package org.slotscope.engine.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A master's replication backlog (repl-backlog-size, 1 MB by default): the most recent part of its
 * write stream, so a replica that missed a little can catch up (PSYNC) instead of a full resync,
 * and so the simulator can say exactly which acknowledged writes a failover lost.
 */
public final class ReplicationBacklog {
    public static final long DEFAULT_SIZE = 1024 * 1024;

    /** One command of the stream: it occupies offsets (startOffset, endOffset]. */
    public record Entry(long startOffset, long endOffset, long time, byte[][] argv) {
        public String summary() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(argv.length, 3); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(new String(argv[i], java.nio.charset.StandardCharsets.UTF_8));
            }
            return argv.length > 3 ? sb.append(" ...").toString() : sb.toString();
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
