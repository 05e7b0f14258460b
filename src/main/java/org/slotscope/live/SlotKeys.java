package org.slotscope.live;

import org.slotscope.engine.node.NodeId;

/** CLUSTER COUNTKEYSINSLOT {@code slot} as {@code node} answered it. */
public record SlotKeys(int slot, NodeId node, long keys) {
}
