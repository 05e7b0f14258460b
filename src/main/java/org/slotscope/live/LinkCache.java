package org.slotscope.live;

import java.util.HashMap;
import java.util.Map;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * Keeps one open link per address across polls, so a poll every second does not log in (or shake
 * hands over TLS) to every node every time. The links it hands out ignore close(): ClusterTopology
 * closes what it loads, and the cache closes the real links when the poller stops. A link that fails
 * is dropped, so the next poll reconnects; a cached link that finds the connection gone (the node
 * restarted) reconnects once at once, as the commands the poller sends only read.
 */
final class LinkCache implements Connector {
    private final Connector connector;
    private final Map<String, NodeLink> open = new HashMap<>();
    private boolean closed;

    LinkCache(Connector connector) {
        this.connector = connector;
    }

    @Override
    public NodeLink connect(String address) {
        synchronized (this) {
            if (closed) {
                throw new LinkException("the poller is stopping: not connecting to " + address, null);
            }
            NodeLink cached = open.get(address);
            if (cached != null) {
                return new Shared(address, cached, true);
            }
        }
        NodeLink fresh = connector.connect(address);
        synchronized (this) {
            if (closed) {
                fresh.close();
                throw new LinkException("the poller is stopping: not connecting to " + address, null);
            }
            open.put(address, fresh);
        }
        return new Shared(address, fresh, false);
    }

    private void drop(String address, NodeLink link) {
        synchronized (this) {
            open.remove(address, link);
        }
        try {
            link.close();
        } catch (RuntimeException ignored) {
            // the link already failed; its first error is the one reported
        }
    }

    /** Closes every link; links handed out fail from now on. */
    void closeAll() {
        Map<String, NodeLink> links;
        synchronized (this) {
            closed = true;
            links = new HashMap<>(open);
            open.clear();
        }
        links.values().forEach(link -> {
            try {
                link.close();
            } catch (RuntimeException ignored) {
                // closing is best effort: the node may be gone
            }
        });
    }

    synchronized int openLinks() {
        return open.size();
    }

    private final class Shared implements NodeLink {
        private final String address;
        private NodeLink link;
        private boolean mayReconnect;

        Shared(String address, NodeLink link, boolean cached) {
            this.address = address;
            this.link = link;
            this.mayReconnect = cached;
        }

        @Override
        public String address() {
            return link.address();
        }

        @Override
        public Reply send(byte[]... argv) {
            try {
                return link.send(argv);
            } catch (LinkException e) {
                drop(address, link);
                if (!mayReconnect || e.reason() != LinkException.Reason.UNREACHABLE) {
                    throw e;
                }
                mayReconnect = false;
                Shared fresh = (Shared) connect(address);
                link = fresh.link;
                return send(argv);
            }
        }

        @Override
        public void close() {
            // shared across polls: LinkCache.closeAll closes the real link
        }
    }
}
