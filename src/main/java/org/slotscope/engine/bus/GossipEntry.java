package org.slotscope.engine.bus;

import org.slotscope.engine.node.NodeId;

/**
 * One entry of a PING/PONG/MEET gossip section (clusterMsgDataGossip): what the sender knows of a
 * third node. Times are the sender's, in virtual milliseconds.
 */
public record GossipEntry(NodeId node, String ip, int port, int busPort, boolean pfail, boolean fail,
                          boolean handshake, boolean noaddr, long pingSent, long pongReceived) {
}
