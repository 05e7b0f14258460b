package org.slotscope.engine.time;

/**
 * The engine's notion of "now", in milliseconds since the simulation started.
 * Only the {@link Scheduler} moves it forward, so a run is a pure function of its inputs.
 */
public final class VirtualClock {
    private long nowMillis;

    public long now() {
        return nowMillis;
    }

    void advanceTo(long millis) {
        if (millis < nowMillis) {
            throw new IllegalArgumentException("time cannot go backwards: " + millis + " < " + nowMillis);
        }
        nowMillis = millis;
    }
}
