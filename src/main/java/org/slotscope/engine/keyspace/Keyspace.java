package org.slotscope.engine.keyspace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import org.slotscope.engine.slot.HashSlot;

/**
 * One node's database 0, indexed by hash slot (like Redis 7's per-slot dictionaries), so
 * COUNTKEYSINSLOT is O(1) and GETKEYSINSLOT costs what it returns. Each slot's keys are packed in a
 * {@link SlotTable} (a few arrays per slot, not objects per key). Expiry times live in a separate
 * table, as in Redis's {@code db->expires}, and are checked against the virtual clock: lazily on
 * access and by {@link #activeExpireCycle}.
 */
public final class Keyspace {
    /** A page of SCAN: the cursor to continue from (0 when done) and the keys found. */
    public record ScanPage(long nextCursor, List<Key> keys) {
    }

    private final SlotTable[] slots = new SlotTable[HashSlot.SLOTS];
    private final HashMap<Key, Long> expires = new HashMap<>();
    private final LongSupplier clock;
    private long size;
    private long expiredKeys;
    private final PriorityQueue<Expiry> expiryQueue =
            new PriorityQueue<>(Comparator.comparingLong(Expiry::when).thenComparing(Expiry::key));

    /** An entry of the expiry queue; stale once the key's TTL changes (checked when it is popped). */
    private record Expiry(long when, Key key) {
    }

    public Keyspace(LongSupplier clock) {
        this.clock = clock;
    }

    private SlotTable slotTable(Key key) {
        return slots[HashSlot.of(key.bytes())];
    }

    /** The live value, or null. An expired key is deleted on the way (expireIfNeeded in db.c). */
    public RedisValue get(Key key) {
        SlotTable table = slotTable(key);
        if (table == null) {
            return null;
        }
        RedisValue value = table.get(key);
        if (value != null && !expires.isEmpty() && isExpired(key)) {
            delete(key);
            expiredKeys++;
            return null;
        }
        return value;
    }

    public boolean exists(Key key) {
        return get(key) != null;
    }

    private boolean isExpired(Key key) {
        Long when = expires.get(key);
        // keyIsExpired (db.c): a key lives through its expiry millisecond and is gone after it.
        return when != null && clock.getAsLong() > when;
    }

    /** Stores a value and drops any TTL (setKey without KEEPTTL). */
    public void set(Key key, RedisValue value) {
        put(key, value);
        expires.remove(key);
    }

    /** Stores a value and keeps whatever TTL the key had (in-place updates, KEEPTTL). */
    public void put(Key key, RedisValue value) {
        int slot = HashSlot.of(key.bytes());
        SlotTable table = slots[slot];
        if (table == null) {
            table = new SlotTable();
            slots[slot] = table;
        }
        if (table.put(key, value)) {
            size++;
        }
    }

    public boolean delete(Key key) {
        int slot = HashSlot.of(key.bytes());
        SlotTable table = slots[slot];
        if (table == null || !table.remove(key)) {
            return false;
        }
        if (table.size() == 0) {
            slots[slot] = null;
        }
        expires.remove(key);
        size--;
        return true;
    }

    /** Absolute expiry in virtual milliseconds, or -1 when the key has no TTL. */
    public long expireAt(Key key) {
        Long when = expires.get(key);
        return when == null ? -1 : when;
    }

    /** Sets an absolute expiry; a time already past deletes the key now, as Redis does. */
    public void setExpireAt(Key key, long atMillis) {
        if (atMillis <= clock.getAsLong()) {
            delete(key);
            return;
        }
        expires.put(key, atMillis);
        expiryQueue.add(new Expiry(atMillis, key));
    }

    public boolean persist(Key key) {
        return expires.remove(key) != null;
    }

    public long size() {
        return size;
    }

    public long expiresCount() {
        return expires.size();
    }

    public long expiredKeys() {
        return expiredKeys;
    }

    public int countInSlot(int slot) {
        SlotTable table = slots[slot];
        return table == null ? 0 : table.size();
    }

    /** Up to {@code count} keys of a slot, without touching the rest. */
    public List<Key> keysInSlot(int slot, int count) {
        SlotTable table = slots[slot];
        List<Key> out = new ArrayList<>(Math.min(count, table == null ? 0 : table.size()));
        if (table != null) {
            table.forEachKey(count, out::add);
        }
        return out;
    }

    /** Every key; for KEYS, which is O(N) in Redis too. */
    public List<Key> allKeys() {
        List<Key> out = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE));
        for (SlotTable table : slots) {
            if (table != null) {
                table.forEachKey(Integer.MAX_VALUE, out::add);
            }
        }
        return out;
    }

    /**
     * SCAN walks slot by slot and returns whole slots, so the cursor is simply the next slot to
     * visit. That keeps Redis's guarantee: a key present for the whole scan is returned.
     */
    public ScanPage scan(long cursor, int count) {
        List<Key> out = new ArrayList<>();
        int slot = (int) cursor;
        while (slot < HashSlot.SLOTS && out.size() < count) {
            SlotTable table = slots[slot];
            if (table != null) {
                table.forEachKey(Integer.MAX_VALUE, key -> {
                    if (!isExpired(key)) {
                        out.add(key);
                    }
                });
            }
            slot++;
        }
        return new ScanPage(slot >= HashSlot.SLOTS ? 0 : slot, out);
    }

    public long flushAll() {
        long removed = size;
        java.util.Arrays.fill(slots, null);
        expires.clear();
        expiryQueue.clear();
        size = 0;
        return removed;
    }

    public long flushSlot(int slot) {
        SlotTable table = slots[slot];
        if (table == null) {
            return 0;
        }
        long removed = table.size();
        if (!expires.isEmpty()) {
            table.forEachKey(Integer.MAX_VALUE, expires::remove);
        }
        slots[slot] = null;
        size -= removed;
        return removed;
    }

    /**
     * Deletes keys whose time has come, at most {@code budget} of them. Redis samples keys at random
     * (activeExpireCycle); the simulator keeps a queue ordered by expiry time instead, so a key
     * disappears at its exact virtual time and the run stays deterministic.
     */
    public int activeExpireCycle(int budget) {
        long now = clock.getAsLong();
        int removed = 0;
        while (removed < budget && !expiryQueue.isEmpty() && expiryQueue.peek().when() < now) {
            Expiry due = expiryQueue.poll();
            Long current = expires.get(due.key());
            if (current != null && current == due.when()) {
                delete(due.key());
                expiredKeys++;
                removed++;
            }
        }
        return removed;
    }
}
