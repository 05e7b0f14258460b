package org.slotscope.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationBacklogTest {
    private static final byte[][] SET = {"SET".getBytes(), "k".getBytes(), "v".getBytes()};

    private static List<Long> starts(List<ReplicationBacklog.Entry> entries) {
        return entries.stream().map(ReplicationBacklog.Entry::startOffset).toList();
    }

    @Test
    void keepsTheNewestEntriesWithinItsSizeAndAlwaysTheLastOne() {
        ReplicationBacklog backlog = new ReplicationBacklog(100);
        for (long start = 0; start < 10_000; start += 30) { // 334 entries, trimmed as they come
            backlog.append(start, start + 30, start, SET);
        }
        // 100 bytes hold three whole entries of 30 bytes; the fourth newest is trimmed
        assertEquals(List.of(9930L, 9960L, 9990L), starts(backlog.after(0)));
        assertEquals(List.of(9960L, 9990L), starts(backlog.after(9960)), "the entries ending after the offset");

        ReplicationBacklog tiny = new ReplicationBacklog(10);
        tiny.append(0, 50, 0, SET);
        assertEquals(List.of(0L), starts(tiny.after(0)), "an entry bigger than the backlog is still kept");
    }

    @Test
    void keepsOrderWhileTrimmingAndStartsAfreshWhenCleared() {
        ReplicationBacklog backlog = new ReplicationBacklog(5000);
        for (long start = 0; start < 3000; start++) {
            backlog.append(start, start + 1, start, SET);
        }
        List<Long> kept = starts(backlog.after(0));
        assertEquals(3000, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(i, kept.get(i));
        }
        for (long start = 3000; start < 9000; start++) {
            backlog.append(start, start + 1, start, SET);
        }
        List<Long> last = starts(backlog.after(0));
        assertEquals(5000, last.size(), "5000 bytes of 1-byte entries");
        assertEquals(4000L, last.get(0));
        assertEquals(8999L, last.get(last.size() - 1));
        backlog.clear();
        assertEquals(List.of(), backlog.after(0));
        backlog.append(9000, 9001, 0, SET);
        assertEquals(List.of(9000L), starts(backlog.after(0)));
    }

    @Test
    void anEntryGivesBackItsArgumentsAndSummarisesThem() {
        byte[][] restore = {"RESTORE-ASKING".getBytes(), "k".getBytes(), "0".getBytes(), new byte[] {9, 0, 1}};
        ReplicationBacklog.Entry entry = new ReplicationBacklog(100).append(0, 40, 0, restore);
        assertEquals("RESTORE-ASKING k 0 ...", entry.summary());
        assertEquals(4, entry.argv().length);
        assertEquals(List.of(9, 0, 1), List.of((int) entry.argv()[3][0], (int) entry.argv()[3][1], (int) entry.argv()[3][2]));
        assertEquals("SET k v", new ReplicationBacklog(100).append(0, 10, 0, SET).summary());
    }
}
