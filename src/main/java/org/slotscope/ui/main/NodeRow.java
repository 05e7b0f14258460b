package org.slotscope.ui.main;

import org.slotscope.ui.sim.NodeSnapshot;

/**
 * One line of the node table, ready to show: the texts are already in the window's language.
 *
 * @param colorIndex the palette index of the node's master (its own for a master), -1 if none
 * @param stateText ok, fail? (PFAIL), fail, crashed, frozen, in the window's language
 */
public record NodeRow(String id, String address, String shortId, NodeSnapshot.Role role, String roleText, int slots,
                      long keys, String epochs, int colorIndex, boolean running, NodeSnapshot.Health health,
                      boolean frozen, String stateText) {
    public boolean isMaster() {
        return role == NodeSnapshot.Role.MASTER;
    }
}
