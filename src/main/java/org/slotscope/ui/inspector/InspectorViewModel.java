package org.slotscope.ui.inspector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * What the inspector says about the selected node, the selected slot or range of slots and a typed
 * key: for a key its CRC16, its {hash tag}, its slot (CRC16 mod 16384 of the tag or the whole key) and
 * the slot's owner, which the ring highlights; for a range its slots, keys, owners and open slots
 * ({@link RangeSummary}), redrawn with every snapshot.
 */
public final class InspectorViewModel {
    private final Supplier<ResourceBundle> texts;
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final ReadOnlyStringWrapper keyText = new ReadOnlyStringWrapper(this, "keyText", "");
    private final ReadOnlyIntegerWrapper keySlot = new ReadOnlyIntegerWrapper(this, "keySlot", -1);
    private final IntegerProperty selectedSlot = new SimpleIntegerProperty(this, "selectedSlot", -1);
    private final ReadOnlyStringWrapper slotText = new ReadOnlyStringWrapper(this, "slotText", "");
    private final ObjectProperty<SlotRange> selectedRange = new SimpleObjectProperty<>(this, "selectedRange");
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText", "");
    private final ReadOnlyObjectWrapper<RangeSummary> rangeSummary = new ReadOnlyObjectWrapper<>(this, "rangeSummary");
    private final ObjectProperty<NodeSnapshot> selectedNode = new SimpleObjectProperty<>(this, "selectedNode");
    private final ReadOnlyStringWrapper nodeText = new ReadOnlyStringWrapper(this, "nodeText", "");
    private ClusterSnapshot snapshot;

    public InspectorViewModel(Supplier<ResourceBundle> texts) {
        this.texts = texts;
        key.addListener((obs, old, now) -> refresh());
        selectedSlot.addListener((obs, old, now) -> refresh());
        selectedRange.addListener((obs, old, now) -> refresh());
        selectedNode.addListener((obs, old, now) -> refresh());
    }

    public StringProperty keyProperty() {
        return key;
    }

    public ReadOnlyStringProperty keyTextProperty() {
        return keyText.getReadOnlyProperty();
    }

    /** The typed key's slot, -1 when no key is typed: the ring highlights it. */
    public ReadOnlyIntegerProperty keySlotProperty() {
        return keySlot.getReadOnlyProperty();
    }

    public IntegerProperty selectedSlotProperty() {
        return selectedSlot;
    }

    public ReadOnlyStringProperty slotTextProperty() {
        return slotText.getReadOnlyProperty();
    }

    /** The range of slots dragged on the ring, null when none. */
    public ObjectProperty<SlotRange> selectedRangeProperty() {
        return selectedRange;
    }

    /** The selected range in words: slots, keys, owners, open slots; empty when none is selected. */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    /** The selected range in the latest snapshot, null when none is selected. */
    public ReadOnlyObjectProperty<RangeSummary> rangeSummaryProperty() {
        return rangeSummary.getReadOnlyProperty();
    }

    public ObjectProperty<NodeSnapshot> selectedNodeProperty() {
        return selectedNode;
    }

    public ReadOnlyStringProperty nodeTextProperty() {
        return nodeText.getReadOnlyProperty();
    }

    public void apply(ClusterSnapshot next) {
        snapshot = next;
        refresh();
    }

    /** Re-renders the texts (new snapshot, new language). */
    public void refresh() {
        ResourceBundle t = texts.get();
        String typed = key.get() == null ? "" : key.get();
        if (typed.isEmpty()) {
            keySlot.set(-1);
            keyText.set(t.getString("inspector.keyHint"));
        } else {
            int crc = HashSlot.crc16(typed.getBytes(StandardCharsets.UTF_8));
            String tag = HashSlot.hashTag(typed);
            int slot = HashSlot.of(typed);
            keySlot.set(slot);
            keyText.set(Messages.format(t, "inspector.key", String.format(Locale.ROOT, "0x%04X", crc),
                    tag == null ? t.getString("inspector.noTag") : "{" + tag + "}",
                    String.valueOf(slot), ownerAddress(slot)));
        }
        int slot = selectedSlot.get();
        if (slot < 0 || snapshot == null) {
            slotText.set(t.getString("inspector.slotHint"));
        } else {
            slotText.set(Messages.format(t, "inspector.slot", String.valueOf(slot), ownerAddress(slot),
                    slotState(snapshot, slot, t), String.valueOf(snapshot.keysIn(slot))));
        }
        SlotRange range = selectedRange.get();
        if (range == null || snapshot == null) {
            rangeSummary.set(null);
            rangeText.set("");
        } else {
            RangeSummary summary = RangeSummary.of(snapshot, range);
            rangeSummary.set(summary);
            rangeText.set(describe(summary, snapshot, t));
        }
        NodeSnapshot node = selectedNode.get();
        if (node == null) {
            nodeText.set(t.getString("inspector.nodeHint"));
        } else {
            nodeText.set(Messages.format(t, "inspector.node", node.address(), node.shortId(),
                    t.getString(node.isMaster() ? "role.master" : "role.replica"),
                    String.valueOf(node.configEpoch()), String.valueOf(node.currentEpoch()),
                    String.valueOf(node.slotCount()), String.valueOf(node.keyCount()), flags(node, t),
                    String.valueOf(node.replOffset())));
        }
    }

    /**
     * "Slots 100-199 · 100 slots · 7 keys", the owners with their share, then the open slots (the first
     * few, and how many more) or that none is open.
     */
    public static String describe(RangeSummary summary, ClusterSnapshot snap, ResourceBundle t) {
        SlotRange range = summary.range();
        StringBuilder out = new StringBuilder(Messages.format(t, "inspector.range", range.toString(), range.count(),
                summary.keys()));
        List<String> owners = new ArrayList<>();
        for (RangeSummary.Share share : summary.owners()) {
            owners.add(Messages.format(t, "inspector.rangeOwner", snap.nodes().get(share.nodeIndex()).address(),
                    share.slots()));
        }
        if (summary.unassigned() > 0) {
            owners.add(Messages.format(t, "inspector.rangeOwner", t.getString("inspector.unassigned"),
                    summary.unassigned()));
        }
        out.append('\n').append(Messages.format(t, "inspector.rangeOwners", String.join(", ", owners)));
        out.append('\n');
        if (summary.openCount() == 0) {
            out.append(t.getString("inspector.rangeNoOpen"));
        } else {
            List<String> open = new ArrayList<>();
            for (RangeSummary.OpenSlot slot : summary.open()) {
                open.add(Messages.format(t, "inspector.rangeOpenSlot", String.valueOf(slot.slot()),
                        slotState(snap, slot.slot(), t)));
            }
            String listed = String.join("; ", open);
            int more = summary.openCount() - summary.open().size();
            if (more > 0) {
                listed += " " + Messages.format(t, "inspector.rangeOpenMore", more);
            }
            out.append(Messages.format(t, "inspector.rangeOpen", summary.openCount(), listed));
        }
        return out.toString();
    }

    private String ownerAddress(int slot) {
        if (snapshot == null) {
            return "?";
        }
        int owner = snapshot.ownerOf(slot);
        return owner < 0 ? texts.get().getString("inspector.unassigned") : snapshot.nodes().get(owner).address();
    }

    /** "stable", "migrating to :7001", "importing from :7002", as CLUSTER NODES shows [slot->-id]. */
    public static String slotState(ClusterSnapshot snap, int slot, ResourceBundle t) {
        int to = snap.migratingToOf(slot);
        int from = snap.importingFromOf(slot);
        if (to >= 0 && from >= 0) {
            return Messages.format(t, "slot.migratingAndImporting", snap.nodes().get(to).address(),
                    snap.nodes().get(from).address());
        }
        if (to >= 0) {
            return Messages.format(t, "slot.migrating", snap.nodes().get(to).address());
        }
        if (from >= 0) {
            return Messages.format(t, "slot.importing", snap.nodes().get(from).address());
        }
        return t.getString("slot.stable");
    }

    /** Flags as CLUSTER NODES spells them, plus the simulator's own states. */
    public static String flags(NodeSnapshot node, ResourceBundle t) {
        StringBuilder out = new StringBuilder(node.isMaster() ? "master" : "slave");
        if (node.health() == NodeSnapshot.Health.PFAIL) {
            out.append(",fail?");
        } else if (node.health() == NodeSnapshot.Health.FAIL) {
            out.append(",fail");
        }
        if (!node.running()) {
            out.append(" \u00b7 ").append(t.getString("node.crashed"));
        }
        if (node.frozen()) {
            out.append(" \u00b7 ").append(t.getString("node.frozen"));
        }
        return out.toString();
    }
}
