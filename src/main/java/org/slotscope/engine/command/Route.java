package org.slotscope.engine.command;

import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.node.KnownNode;

/** What getNodeByQuery decided for one command: serve it here, or redirect / refuse it. */
public sealed interface Route {
    /** Execute here. {@code slot} is -1 when the command has no key. */
    record Serve(int slot) implements Route {
    }

    /** Refuse with {@code kind}: MOVED and ASK carry the node to go to. */
    record Redirect(RedirectKind kind, int slot, KnownNode target) implements Route {
        /** The error line, exactly as clusterRedirectClient writes it. */
        public Reply.Error toError() {
            return switch (kind) {
                case MOVED -> Reply.error("MOVED " + slot + " " + target.ip() + ":" + target.port());
                case ASK -> Reply.error("ASK " + slot + " " + target.ip() + ":" + target.port());
                case CROSS_SLOT -> Errors.CROSSSLOT;
                case UNSTABLE -> Errors.TRYAGAIN;
                case DOWN_STATE -> Errors.CLUSTERDOWN_STATE;
                case DOWN_RO_STATE -> Errors.CLUSTERDOWN_RO_STATE;
                case DOWN_UNBOUND -> Errors.CLUSTERDOWN_UNBOUND;
            };
        }
    }
}
