package org.slotscope.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;

/**
 * Runs blocking code (the admin operations, cluster clients, workload loops, a fault schedule)
 * inside the simulated cluster, deterministically. Each piece of such code is an {@link Actor} on
 * its own thread, but only one thread ever runs at a time: the driver (the thread that calls
 * {@link #runUntil}) hands a baton to an actor when the virtual clock reaches the moment the actor
 * waits for, and gets it back when the actor waits again (for a reply's round trip, a back-off, a
 * blocked command) or ends. So the engine is still touched by one thread at a time, in an order that
 * depends only on the virtual clock and the scheduler's sequence numbers: same seed, same inputs,
 * same trace. Actors see virtual time through {@link #clock()} and reach nodes through
 * {@link #connector()} ({@link DirectSimLink}), where every command costs a simulated round trip
 * during which timers (cron, gossip, failure detection, other actors) run.
 *
 * <p>Not for the live engine thread of the window or `serve` ({@link SimLink} is for those): this
 * owns the clock of its cluster while it runs.
 */
public final class SimActors implements AutoCloseable {
    /** Thrown inside an actor when the run is closed while it waits; an Error so no catch of RuntimeException swallows it. */
    static final class ActorKilled extends Error {
        ActorKilled() {
            super("the simulation run was closed", null, false, false);
        }
    }

    /** One piece of blocking code living on the virtual clock. */
    public final class Actor {
        private final String name;
        private final Semaphore go = new Semaphore(0);
        private final Thread thread;
        private volatile boolean finished;
        private volatile boolean killed;
        private long wakeToken;

        private Actor(String name, Runnable body) {
            this.name = name;
            this.thread = new Thread(() -> {
                current.set(this);
                try {
                    go.acquireUninterruptibly();
                    if (!killed) {
                        body.run();
                    }
                } catch (ActorKilled e) {
                    // closed while waiting: nothing to report
                } catch (Throwable t) {
                    failures.add(new IllegalStateException("actor " + name + " failed: " + t, t));
                } finally {
                    finished = true;
                    back.release();
                }
            }, "sim-actor-" + name);
            thread.setDaemon(true);
        }

        public String name() {
            return name;
        }

        public boolean isFinished() {
            return finished;
        }
    }

    private final SimCluster cluster;
    private final ThreadLocal<Actor> current = new ThreadLocal<>();
    private final Semaphore back = new Semaphore(0);
    private final List<Actor> actors = new ArrayList<>();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final LinkClock clock = new LinkClock() {
        @Override
        public long nowMillis() {
            return cluster.now();
        }

        @Override
        public void sleep(long millis) {
            pause(millis);
        }
    };

    public SimActors(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** Only for the thread that holds the baton (the driver between runs, or an actor). */
    public SimCluster cluster() {
        return cluster;
    }

    /** Virtual time; sleeping lets the rest of the simulation run. */
    public LinkClock clock() {
        return clock;
    }

    /** Opens {@link DirectSimLink}s to the simulated node at host:port. */
    public Connector connector() {
        return connector(DirectSimLink.DEFAULT_TIMEOUT_MILLIS);
    }

    /** As {@link #connector()}, giving up on a blocked command (a frozen node) after {@code timeoutMillis}. */
    public Connector connector(long timeoutMillis) {
        return address -> DirectSimLink.open(this, address, timeoutMillis);
    }

    /** Starts {@code body} as an actor at the current virtual time (it runs once the driver runs the clock). */
    public Actor spawn(String name, Runnable body) {
        Actor actor = new Actor(name, body);
        actors.add(actor);
        actor.thread.start();
        long token = actor.wakeToken;
        cluster.scheduler().schedule(0, () -> wake(actor, token));
        return actor;
    }

    /** Runs the virtual clock to {@code millis}; only the driver may. */
    public void runUntil(long millis) {
        requireDriver();
        cluster.runUntil(millis);
    }

    public void runFor(long millis) {
        runUntil(cluster.now() + millis);
    }

    /** Runs the clock until every actor has ended or {@code limitMillis} of virtual time has passed; true when all ended. */
    public boolean runUntilFinished(long limitMillis) {
        requireDriver();
        long end = cluster.now() + limitMillis;
        while (cluster.now() < end) {
            if (actors.stream().allMatch(Actor::isFinished)) {
                return true;
            }
            cluster.runUntil(Math.min(end, cluster.now() + 10));
        }
        return actors.stream().allMatch(Actor::isFinished);
    }

    /** Errors thrown by actors, in the order they ended (each names its actor). */
    public List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** True on the thread of one of this run's actors while it holds the baton (its events are its own). */
    public boolean onActor() {
        return current.get() != null;
    }

    private void requireDriver() {
        if (onActor()) {
            throw new IllegalStateException("an actor cannot run the clock; it waits with clock().sleep");
        }
    }

    /**
     * Lets {@code millis} of virtual time pass for the caller. On an actor: hands the baton back and
     * waits to be woken then. On the driver: runs the clock itself.
     */
    void pause(long millis) {
        Actor self = current.get();
        if (self == null) {
            cluster.runFor(Math.max(0, millis));
            return;
        }
        if (self.killed) {
            throw new ActorKilled();
        }
        long token = ++self.wakeToken;
        cluster.scheduler().schedule(Math.max(0, millis), () -> wake(self, token));
        yieldBaton(self);
    }

    /**
     * Waits for a blocked command's reply (WAIT, a frozen node) up to {@code timeoutMillis}; null
     * on timeout. The command stays queued on the node after a timeout, as on a real server.
     */
    Reply await(Reply.Blocked blocked, long timeoutMillis) {
        Reply ready = blocked.poll().get();
        if (ready != null) {
            return ready;
        }
        Actor self = current.get();
        Reply[] box = new Reply[1];
        if (self == null) {
            long end = cluster.now() + timeoutMillis;
            cluster.whenReady(blocked, reply -> box[0] = reply);
            while (box[0] == null && cluster.now() < end) {
                cluster.runFor(1);
            }
            return box[0];
        }
        if (self.killed) {
            throw new ActorKilled();
        }
        long token = ++self.wakeToken;
        cluster.whenReady(blocked, reply -> {
            box[0] = reply;
            wake(self, token);
        });
        cluster.scheduler().schedule(timeoutMillis, () -> wake(self, token));
        yieldBaton(self);
        return box[0];
    }

    /** On the driver, from a scheduled task: gives the baton to the actor if it still waits for this wake-up. */
    private void wake(Actor actor, long token) {
        if (actor.finished || actor.wakeToken != token) {
            return; // a stale wake-up: the actor was woken by the other of its two timers
        }
        actor.wakeToken++;
        actor.go.release();
        back.acquireUninterruptibly();
    }

    private void yieldBaton(Actor self) {
        back.release();
        self.go.acquireUninterruptibly();
        if (self.killed) {
            throw new ActorKilled();
        }
    }

    /** Ends every actor still waiting (each unwinds with its finally blocks, one at a time). */
    @Override
    public void close() {
        requireDriver();
        for (Actor actor : actors) {
            if (!actor.finished) {
                actor.killed = true;
                actor.go.release();
                back.acquireUninterruptibly();
            }
        }
        for (Actor actor : actors) {
            try {
                actor.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
