package org.slotscope.admin;

import org.slotscope.link.NodeLink;

/** A master as the operations see it: its id, its address (MIGRATE needs it) and a link to it. */
public record ClusterMember(String id, String host, int port, NodeLink link) {
}
