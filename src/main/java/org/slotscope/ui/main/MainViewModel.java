package org.slotscope.ui.main;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * The first window's state: the cluster as the latest snapshot shows it, in the chosen language.
 * It knows nothing of the view and needs no window, so it is tested as plain Java.
 */
public final class MainViewModel {
    /** Show at most this many slot ranges per master in the legend; the rest are summarised. */
    static final int MAX_RANGES_SHOWN = 3;

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale");
    private final ReadOnlyObjectWrapper<ResourceBundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final ReadOnlyObjectWrapper<ClusterSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<int[]> slotColors = new ReadOnlyObjectWrapper<>(this, "slotColors");
    private final ReadOnlyObjectWrapper<int[]> slotPeerColors = new ReadOnlyObjectWrapper<>(this, "slotPeerColors");
    private Map<String, Integer> colorById = Map.of();
    static final long ROWS_PERIOD_NANOS = 300_000_000L;
    private java.util.function.LongSupplier clock = System::nanoTime;
    private long lastRowsNanos = Long.MIN_VALUE / 2;
    private boolean rowsPending;
    /**
     * Counts computed from a snapshot but not shown yet: the table's in the next frame, the legend's
     * in the one after (see {@link #frame()}). Null when nothing waits.
     */
    private List<NodeRow> rowsDue;
    private List<LegendEntry> legendDue;
    private boolean appliedThisFrame;
    private final Map<String, Integer> stickyColor = new HashMap<>();
    private final Map<String, String> lastMasterOf = new HashMap<>();
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<LegendEntry> legend = FXCollections.observableArrayList();
    private final ObservableList<NodeRow> nodesView = FXCollections.unmodifiableObservableList(nodes);
    private final ObservableList<LegendEntry> legendView = FXCollections.unmodifiableObservableList(legend);

    public MainViewModel(Locale startLocale) {
        locale.set(supported(startLocale));
        bundle.set(Messages.bundle(locale.get()));
        status.set(bundle.get().getString("status.starting"));
        locale.addListener((obs, old, now) -> {
            Locale chosen = supported(now);
            if (!chosen.equals(now)) {
                locale.set(chosen);
                return;
            }
            bundle.set(Messages.bundle(chosen));
            ClusterSnapshot current = snapshot.get();
            if (current == null) {
                status.set(bundle.get().getString("status.starting"));
            } else {
                rebuildTopology(current);
                status.set(statusText(current));
            }
        });
    }

    private static Locale supported(Locale requested) {
        return Messages.SIMPLIFIED_CHINESE.equals(requested) ? Messages.SIMPLIFIED_CHINESE : Messages.ENGLISH;
    }

    /** The window's language; the view offers a switch, the application reloads the view on change. */
    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public ReadOnlyObjectProperty<ResourceBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    public ResourceBundle bundle() {
        return bundle.get();
    }

    public ReadOnlyObjectProperty<ClusterSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** For each slot, the palette index of its owner (-1: unassigned). Replaced, never mutated. */
    public ReadOnlyObjectProperty<int[]> slotColorsProperty() {
        return slotColors.getReadOnlyProperty();
    }

    /** For each slot, the palette index of the node it is migrating to (-1: not migrating). */
    public ReadOnlyObjectProperty<int[]> slotPeerColorsProperty() {
        return slotPeerColors.getReadOnlyProperty();
    }

    /** The palette index of each node's colour (a master's own, a replica's master's), by id. */
    public Map<String, Integer> colorById() {
        return colorById;
    }

    /** What hovering a slot says: number, owner, keys, state. Empty for no slot. */
    public String describeSlot(int slot) {
        ClusterSnapshot snap = snapshot.get();
        if (slot < 0 || snap == null) {
            return "";
        }
        ResourceBundle texts = bundle.get();
        int owner = snap.ownerOf(slot);
        String ownerText = owner < 0 ? texts.getString("inspector.unassigned") : snap.nodes().get(owner).address();
        return Messages.format(texts, "ring.hover", String.valueOf(slot), ownerText, String.valueOf(snap.keysIn(slot)),
                org.slotscope.ui.inspector.InspectorViewModel.slotState(snap, slot, texts));
    }

    public ObservableList<NodeRow> nodes() {
        return nodesView;
    }

    public ObservableList<LegendEntry> legend() {
        return legendView;
    }

    /**
     * Shows a new snapshot. Rows, legend and ring change only when the topology did. A change of
     * roles or health (a crash, a failover) shows everywhere at once; new counts (slots, keys) reach
     * the ring at once and the table and legend through {@link #frame()}.
     */
    public void apply(ClusterSnapshot next) {
        appliedThisFrame = true;
        ClusterSnapshot previous = snapshot.get();
        snapshot.set(next);
        if (!next.sameTopology(previous)) {
            boolean structural = previous == null || structure(previous).equals(structure(next)) == false;
            long now = clock.getAsLong();
            // Counts change with every batch of a reshard: rebuilding the table and the legend for each
            // would cost the FX thread more than the ring itself; 3 times a second reads fine.
            boolean countsDue = structural || now - lastRowsNanos >= ROWS_PERIOD_NANOS;
            rebuildTopology(next, countsDue, !structural);
            rowsPending = !countsDue;
            if (countsDue) {
                lastRowsNanos = now;
            }
        } else if (rowsPending && clock.getAsLong() - lastRowsNanos >= ROWS_PERIOD_NANOS) {
            rebuildTopology(next, true, true);
            rowsPending = false;
            lastRowsNanos = clock.getAsLong();
        }
        status.set(statusText(next));
    }

    /**
     * Called once per frame, after the frame's snapshot if it had one. Counts waiting to be shown go
     * out one list per frame, never in the frame that applied a snapshot: the snapshot's frame already
     * repaints the ring, and the table's and the legend's new texts each make the renderer repaint a
     * large area. All three in one frame took the software renderer 25-30 ms during a reshard, three
     * times a second.
     */
    public void frame() {
        if (appliedThisFrame) {
            appliedThisFrame = false;
        } else if (rowsDue != null) {
            replaceChanged(nodes, rowsDue);
            rowsDue = null;
        } else if (legendDue != null) {
            replaceChanged(legend, legendDue);
            legendDue = null;
        }
    }

    /** What changes the meaning of a row, as opposed to its counts. */
    private static List<String> structure(ClusterSnapshot snap) {
        List<String> out = new ArrayList<>();
        for (NodeSnapshot n : snap.nodes()) {
            out.add(n.id() + n.role() + n.masterId() + n.running() + n.health() + n.frozen() + n.configEpoch() + "/"
                    + n.currentEpoch());
        }
        return out;
    }

    /** For tests: the clock that paces the table and legend. */
    void setClock(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    private void rebuildTopology(ClusterSnapshot snap) {
        rebuildTopology(snap, true, false);
    }

    /** The ring's colours now; with rows, the table and legend too, now or (later) in coming frames. */
    private void rebuildTopology(ClusterSnapshot snap, boolean withRows, boolean later) {
        ResourceBundle texts = bundle.get();
        List<NodeSnapshot> all = snap.nodes();
        Map<String, Integer> colorById = new HashMap<>();
        Map<String, String> addressById = new HashMap<>();
        int[] colorByNodeIndex = masterColors(all);
        for (int i = 0; i < all.size(); i++) {
            NodeSnapshot node = all.get(i);
            addressById.put(node.id(), node.address());
            if (node.isMaster()) {
                colorById.put(node.id(), colorByNodeIndex[i]);
            }
        }
        // Local arrays and no call per slot: the first snapshots of a reshard run this loop (and those of
        // ownedSlots) in the interpreter, where a call per slot made each pass cost milliseconds.
        int[] owners = snap.slotOwner();
        int[] migratingTo = snap.migratingTo();
        int[] colors = new int[owners.length];
        int[] peers = new int[owners.length];
        for (int slot = 0; slot < owners.length; slot++) {
            int owner = owners[slot];
            colors[slot] = owner < 0 ? -1 : colorByNodeIndex[owner];
            int to = migratingTo[slot];
            peers[slot] = to < 0 ? -1 : Math.max(colorByNodeIndex[to], 0);
        }

        Map<String, Integer> colors2 = new HashMap<>(colorById);
        for (int i = 0; i < all.size(); i++) {
            NodeSnapshot node = all.get(i);
            colors2.put(node.id(), node.isMaster() ? colorByNodeIndex[i]
                    : node.masterId() == null ? -1 : colorById.getOrDefault(node.masterId(), -1));
        }
        this.colorById = Map.copyOf(colors2);
        slotPeerColors.set(peers);
        slotColors.set(colors);
        if (!withRows) {
            return;
        }
        List<NodeRow> rows = new ArrayList<>();
        List<LegendEntry> entries = new ArrayList<>();
        OwnedSlots[] owned = ownedSlots(owners, all.size());
        for (int i = 0; i < all.size(); i++) {
            NodeSnapshot node = all.get(i);
            String roleText;
            int color;
            if (node.isMaster()) {
                roleText = texts.getString("role.master");
                color = colorByNodeIndex[i];
                String ranges = formatRanges(owned[i], texts);
                String count = Integer.toString(owned[i].slotCount());
                entries.add(new LegendEntry(color, node.address(), Messages.format(texts, "legend.detail", ranges, count)));
            } else {
                String masterAddress = node.masterId() == null ? "?" : addressById.getOrDefault(node.masterId(), "?");
                roleText = Messages.format(texts, "role.replicaOf", shortAddress(masterAddress, node.address()));
                color = node.masterId() == null ? -1 : colorById.getOrDefault(node.masterId(), -1);
            }
            if (!node.running()) {
                roleText = Messages.format(texts, "role.stopped", roleText);
            }
            rows.add(new NodeRow(node.id(), node.address(), node.shortId(), node.role(), roleText, node.slotCount(),
                    node.keyCount(), node.configEpoch() + " / " + node.currentEpoch(), color, node.running(),
                    node.health(), node.frozen(), stateText(node, texts)));
        }

        if (later) {
            rowsDue = rows;
            legendDue = entries;
        } else {
            replaceChanged(nodes, rows);
            replaceChanged(legend, entries);
            rowsDue = null;
            legendDue = null;
        }
    }

    /**
     * Puts {@code next} into {@code shown} replacing only the items that changed: during a reshard
     * only the source's and the target's rows change, so listeners hear of those alone (the view
     * then updates those rows' cells in place, see LiveRow).
     */
    static <T> void replaceChanged(ObservableList<T> shown, List<T> next) {
        if (shown.size() != next.size()) {
            shown.setAll(next);
            return;
        }
        for (int i = 0; i < next.size(); i++) {
            if (!shown.get(i).equals(next.get(i))) {
                shown.set(i, next.get(i));
            }
        }
    }

    /**
     * Each master's colour, sticky across snapshots so the ring does not change colour when nothing
     * moved: a master keeps the colour it had; a replica promoted in place of a master that stopped
     * (or lost its slots) inherits that master's colour, so a failover reads as "same slots, new
     * node"; anyone else takes the first free colour.
     */
    private int[] masterColors(List<NodeSnapshot> all) {
        Map<String, NodeSnapshot> byId = new HashMap<>();
        for (NodeSnapshot node : all) {
            byId.put(node.id(), node);
        }
        int[] out = new int[all.size()];
        java.util.Arrays.fill(out, -1);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        Map<String, Integer> next = new HashMap<>();
        // 1. promoted replicas inherit from a former master that is gone
        for (int i = 0; i < all.size(); i++) {
            NodeSnapshot node = all.get(i);
            String formerMaster = lastMasterOf.get(node.id());
            Integer inherited = formerMaster == null ? null : stickyColor.get(formerMaster);
            NodeSnapshot former = formerMaster == null ? null : byId.get(formerMaster);
            boolean formerGone = former == null || !former.running() || former.slotCount() == 0 || !former.isMaster();
            if (node.isMaster() && !stickyColor.containsKey(node.id()) && inherited != null && formerGone
                    && used.add(inherited)) {
                out[i] = inherited;
                next.put(node.id(), inherited);
            }
        }
        // 2. masters that had a colour keep it, unless an heir took it
        for (int i = 0; i < all.size(); i++) {
            NodeSnapshot node = all.get(i);
            Integer had = stickyColor.get(node.id());
            if (node.isMaster() && out[i] < 0 && had != null && used.add(had)) {
                out[i] = had;
                next.put(node.id(), had);
            }
        }
        // 3. everyone else: the first free colour, in node order
        int candidate = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isMaster() && out[i] < 0) {
                while (used.contains(candidate % SlotPaletteSize.SIZE) && used.size() < SlotPaletteSize.SIZE) {
                    candidate++;
                }
                out[i] = candidate;
                used.add(candidate);
                next.put(all.get(i).id(), candidate);
                candidate++;
            }
        }
        stickyColor.clear();
        stickyColor.putAll(next);
        lastMasterOf.clear();
        for (NodeSnapshot node : all) {
            if (!node.isMaster() && node.masterId() != null) {
                lastMasterOf.put(node.id(), node.masterId());
            }
        }
        return out;
    }

    /** The palette's size, so indexes wrap as the ring's colours do. */
    private static final class SlotPaletteSize {
        static final int SIZE = org.slotscope.ui.ring.SlotPalette.size();
    }

    /** How the others see the node, worst first: crashed, fail, fail?, frozen, ok. */
    static String stateText(NodeSnapshot node, ResourceBundle texts) {
        if (!node.running()) {
            return texts.getString("node.crashed");
        }
        if (node.health() == NodeSnapshot.Health.FAIL) {
            return texts.getString("node.fail");
        }
        if (node.health() == NodeSnapshot.Health.PFAIL) {
            return texts.getString("node.pfail");
        }
        if (node.frozen()) {
            return texts.getString("node.frozen");
        }
        return texts.getString("node.ok");
    }

    /** ":7000" when both nodes share a host (the usual local demo), else the full address. */
    static String shortAddress(String address, String relativeTo) {
        int colon = address.lastIndexOf(':');
        int otherColon = relativeTo.lastIndexOf(':');
        if (colon > 0 && otherColon > 0 && address.substring(0, colon).equals(relativeTo.substring(0, otherColon))) {
            return address.substring(colon);
        }
        return address;
    }

    /** A node's slots as CLUSTER NODES lists them: the first few ranges as text, how many ranges, how many slots. */
    record OwnedSlots(List<String> firstRanges, int rangeCount, int slotCount) {
    }

    /** Every node's slots, from one pass over the owners for all nodes. */
    static OwnedSlots[] ownedSlots(int[] owners, int nodeCount) {
        List<List<String>> first = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            first.add(new ArrayList<>());
        }
        int[] rangeCount = new int[nodeCount];
        int[] slotCount = new int[nodeCount];
        int slot = 0;
        while (slot < owners.length) {
            int owner = owners[slot];
            int start = slot;
            while (slot + 1 < owners.length && owners[slot + 1] == owner) {
                slot++;
            }
            if (owner >= 0 && owner < nodeCount) {
                slotCount[owner] += slot - start + 1;
                if (rangeCount[owner]++ < MAX_RANGES_SHOWN) {
                    first.get(owner).add(start == slot ? Integer.toString(start) : start + "-" + slot);
                }
            }
            slot++;
        }
        OwnedSlots[] out = new OwnedSlots[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            out[i] = new OwnedSlots(List.copyOf(first.get(i)), rangeCount[i], slotCount[i]);
        }
        return out;
    }

    /** "0-5460" or "0-99, 200-299, 400 … +2": the ranges of {@link OwnedSlots}, at most {@link #MAX_RANGES_SHOWN}. */
    static String formatRanges(OwnedSlots owned, ResourceBundle texts) {
        if (owned.rangeCount() == 0) {
            return texts.getString("legend.noSlots");
        }
        String shown = String.join(", ", owned.firstRanges());
        if (owned.rangeCount() <= MAX_RANGES_SHOWN) {
            return shown;
        }
        return shown + " " + Messages.format(texts, "legend.moreRanges", owned.rangeCount() - MAX_RANGES_SHOWN);
    }

    String statusText(ClusterSnapshot snap) {
        ResourceBundle texts = bundle.get();
        String seconds = String.format(Locale.ROOT, "%.1f", snap.virtualTimeMillis() / 1000.0);
        String state = texts.getString(snap.clusterOk() ? "status.clusterOk" : "status.clusterFail");
        return Messages.format(texts, "status.simulated", Long.toString(snap.masterCount()),
                Long.toString(snap.replicaCount()), state, seconds);
    }
}
