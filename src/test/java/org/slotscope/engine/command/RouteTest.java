package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeId;

class RouteTest {
    @Test
    void everyRedirectKindsErrorCodeIsTheFirstWordOfTheReplyRedisSends() {
        KnownNode target = new KnownNode(new NodeId("a".repeat(40)), "127.0.0.1", 7001, 17001);
        for (RedirectKind kind : RedirectKind.values()) {
            String reply = new Route.Redirect(kind, 5000, target).toError().message();
            assertEquals(kind.errorCode(), reply.substring(0, reply.indexOf(' ')), reply);
        }
        assertEquals("MOVED 5000 127.0.0.1:7001", new Route.Redirect(RedirectKind.MOVED, 5000, target).toError().message());
    }
}
