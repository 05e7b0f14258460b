package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.NodeSnapshot.Role;

class MainViewModelTest {
    private static final String M1 = "a".repeat(40);
    private static final String M2 = "b".repeat(40);
    private static final String M3 = "c".repeat(40);
    private static final String R1 = "d".repeat(40);
    private static final String R2 = "e".repeat(40);
    private static final String R3 = "f".repeat(40);

    /** Three masters with redis-cli's split (0-5460, 5461-10922, 10923-16383), one replica each. */
    private static ClusterSnapshot threeByThree(long virtualMillis) {
        int[] owners = new int[16384];
        Arrays.fill(owners, 0, 5461, 0);
        Arrays.fill(owners, 5461, 10923, 1);
        Arrays.fill(owners, 10923, 16384, 2);
        List<NodeSnapshot> nodes = List.of(
                new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 5461, 10, 1, 6, true),
                new NodeSnapshot(M2, "127.0.0.1:7001", Role.MASTER, null, 5462, 11, 2, 6, true),
                new NodeSnapshot(M3, "127.0.0.1:7002", Role.MASTER, null, 5461, 12, 3, 6, true),
                new NodeSnapshot(R1, "127.0.0.1:7003", Role.REPLICA, M1, 0, 10, 4, 6, true),
                new NodeSnapshot(R2, "127.0.0.1:7004", Role.REPLICA, M2, 0, 11, 5, 6, true),
                new NodeSnapshot(R3, "127.0.0.1:7005", Role.REPLICA, M3, 0, 12, 6, 6, true));
        return new ClusterSnapshot(virtualMillis, owners, nodes, true);
    }

    @Test
    void listsChangeOnlyTheItemsThatChanged() {
        javafx.collections.ObservableList<String> shown =
                javafx.collections.FXCollections.observableArrayList("a", "b", "c");
        List<String> changes = new ArrayList<>();
        shown.addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                changes.add(change.wasReplaced() ? "replaced " + change.getFrom() : change.toString());
            }
        });
        MainViewModel.replaceChanged(shown, List.of("a", "B", "c"));
        assertEquals(List.of("a", "B", "c"), shown);
        assertEquals(List.of("replaced 1"), changes, "one row replaced, the others untouched");
        changes.clear();
        MainViewModel.replaceChanged(shown, List.of("a", "B", "c"));
        assertEquals(List.of(), changes, "nothing changed, nothing fired");
        MainViewModel.replaceChanged(shown, List.of("x"));
        assertEquals(List.of("x"), shown, "a list of another length is replaced whole");
    }

    @Test
    void startsWithAStartingMessageBeforeAnySnapshot() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        assertEquals("Starting the simulated cluster\u2026", model.statusProperty().get());
        assertTrue(model.nodes().isEmpty());
    }

    @Test
    void statusLineSaysSimulatedWithCountsStateAndVirtualTime() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(12_345));
        assertEquals("Simulated cluster \u00b7 3 masters, 3 replicas \u00b7 cluster state ok \u00b7 virtual time 12.3 s",
                model.statusProperty().get());
    }

    @Test
    void nodeRowsListMastersThenReplicasWithTheirMastersColour() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(0));
        List<NodeRow> rows = model.nodes();
        assertEquals(6, rows.size());
        assertEquals(3, rows.stream().filter(NodeRow::isMaster).count());
        NodeRow replica = rows.get(4);
        assertEquals("127.0.0.1:7004", replica.address());
        assertEquals("eeeeeeee", replica.shortId());
        assertEquals("replica of :7001", replica.roleText());
        assertEquals(rows.get(1).colorIndex(), replica.colorIndex());
        assertEquals("1 / 6", rows.get(0).epochs());
        assertEquals(5462, rows.get(1).slots());
        assertEquals(12, rows.get(5).keys());
    }

    @Test
    void legendGivesEachMasterItsSlotRangeAndCount() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(0));
        assertEquals(List.of(
                new LegendEntry(0, "127.0.0.1:7000", "slots 0-5460 (5461)"),
                new LegendEntry(1, "127.0.0.1:7001", "slots 5461-10922 (5462)"),
                new LegendEntry(2, "127.0.0.1:7002", "slots 10923-16383 (5461)")), model.legend());
    }

    @Test
    void slotColoursFollowTheOwningMaster() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(0));
        int[] colors = model.slotColorsProperty().get();
        assertEquals(0, colors[0]);
        assertEquals(0, colors[5460]);
        assertEquals(1, colors[5461]);
        assertEquals(1, colors[10922]);
        assertEquals(2, colors[10923]);
        assertEquals(2, colors[16383]);
    }

    @Test
    void unassignedSlotsHaveNoColourAndScatteredRangesAreSummarised() {
        int[] owners = new int[16384];
        Arrays.fill(owners, -1);
        for (int slot = 0; slot < 100; slot += 10) {
            owners[slot] = 0;
        }
        owners[1] = 0;
        List<NodeSnapshot> nodes = List.of(new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 11, 0, 1, 1, true));
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(new ClusterSnapshot(0, owners, nodes, false));
        assertEquals(-1, model.slotColorsProperty().get()[2]);
        assertEquals("slots 0-1, 10, 20 \u2026 +7 more ranges (11)", model.legend().get(0).detail());
        assertTrue(model.statusProperty().get().contains("cluster state fail"));
    }

    @Test
    void ownedSlotsCountsEveryNodesRangesInOnePass() {
        int[] owners = new int[16384];
        Arrays.fill(owners, 0, 100, 1);
        Arrays.fill(owners, 100, 16380, 0);
        owners[16380] = -1;
        owners[16381] = 1;
        owners[16382] = 2;
        owners[16383] = 1;
        MainViewModel.OwnedSlots[] owned = MainViewModel.ownedSlots(owners, 4);
        assertEquals(new MainViewModel.OwnedSlots(List.of("100-16379"), 1, 16280), owned[0]);
        assertEquals(new MainViewModel.OwnedSlots(List.of("0-99", "16381", "16383"), 3, 102), owned[1]);
        assertEquals(new MainViewModel.OwnedSlots(List.of("16382"), 1, 1), owned[2]);
        assertEquals(new MainViewModel.OwnedSlots(List.of(), 0, 0), owned[3], "a node without slots");
        ResourceBundle texts = Messages.bundle(Locale.ENGLISH);
        assertEquals("0-99, 16381, 16383", MainViewModel.formatRanges(owned[1], texts));
        assertEquals(texts.getString("legend.noSlots"), MainViewModel.formatRanges(owned[3], texts));
    }

    @Test
    void onlyTheClockMovingDoesNotRebuildRowsOrRing() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(1_000));
        int[] ring = model.slotColorsProperty().get();
        List<ListChangeListener.Change<? extends NodeRow>> changes = new ArrayList<>();
        model.nodes().addListener((ListChangeListener<NodeRow>) changes::add);
        model.apply(threeByThree(2_000));
        assertTrue(changes.isEmpty(), "rows were replaced although the topology is the same");
        assertSame(ring, model.slotColorsProperty().get());
        assertTrue(model.statusProperty().get().endsWith("virtual time 2.0 s"));
    }

    @Test
    void switchingToChineseTranslatesStatusRolesAndLegendKeepingTheCluster() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(12_345));
        int[] ring = model.slotColorsProperty().get();
        model.localeProperty().set(Locale.SIMPLIFIED_CHINESE);
        ResourceBundle zh = model.bundle();
        assertEquals(Locale.SIMPLIFIED_CHINESE, zh.getLocale());
        assertEquals("\u6a21\u62df\u96c6\u7fa4 \u00b7 3 \u4e2a\u4e3b\u8282\u70b9\uff0c3 \u4e2a\u526f\u672c \u00b7 "
                + "\u96c6\u7fa4\u72b6\u6001\u6b63\u5e38 \u00b7 \u865a\u62df\u65f6\u95f4 12.3 \u79d2",
                model.statusProperty().get());
        assertEquals("\u4e3b\u8282\u70b9", model.nodes().get(0).roleText());
        assertEquals(":7000 \u7684\u526f\u672c", model.nodes().get(3).roleText());
        assertTrue(model.legend().get(0).detail().startsWith("\u69fd 0-5460"));
        assertArrayEquals(ring, model.slotColorsProperty().get());
    }

    @Test
    void unsupportedLocaleFallsBackToEnglish() {
        MainViewModel model = new MainViewModel(Locale.GERMAN);
        assertEquals(Locale.ENGLISH, model.localeProperty().get());
        model.localeProperty().set(Locale.JAPANESE);
        assertEquals(Locale.ENGLISH, model.localeProperty().get());
    }

    @Test
    void chineseBundleTranslatesEveryEnglishKey() {
        ResourceBundle en = Messages.bundle(Messages.ENGLISH);
        ResourceBundle zh = Messages.bundle(Messages.SIMPLIFIED_CHINESE);
        for (String key : en.keySet()) {
            assertTrue(zh.keySet().contains(key), "missing in zh_CN: " + key);
            if (!key.equals("app.title")) {
                assertNotEquals(en.getString(key), zh.getString(key), "untranslated: " + key);
            }
        }
        assertEquals(en.keySet(), zh.keySet());
    }

    @Test
    void startLanguageComesFromThePropertyThenTheSystem() {
        assertEquals(Messages.SIMPLIFIED_CHINESE, Messages.startLocale("zh-CN", Locale.US));
        assertEquals(Messages.SIMPLIFIED_CHINESE, Messages.startLocale("zh_CN", Locale.US));
        assertEquals(Messages.ENGLISH, Messages.startLocale("en", Locale.CHINA));
        assertEquals(Messages.SIMPLIFIED_CHINESE, Messages.startLocale(null, Locale.CHINA));
        assertEquals(Messages.ENGLISH, Messages.startLocale("", Locale.FRANCE));
    }

    @Test
    void aPromotedReplicaInheritsTheColourOfTheMasterItReplacedAndOthersKeepTheirs() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.apply(threeByThree(0));
        int first = model.nodes().get(0).colorIndex();
        int second = model.nodes().get(1).colorIndex();
        // 7000 crashed, its replica 7003 took its slots (configEpoch 7)
        int[] owners = new int[16384];
        Arrays.fill(owners, 0, 5461, 3);
        Arrays.fill(owners, 5461, 10923, 1);
        Arrays.fill(owners, 10923, 16384, 2);
        List<NodeSnapshot> after = List.of(
                new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 5461, 10, 1, 6, false),
                new NodeSnapshot(M2, "127.0.0.1:7001", Role.MASTER, null, 5462, 11, 2, 7, true),
                new NodeSnapshot(M3, "127.0.0.1:7002", Role.MASTER, null, 5461, 12, 3, 7, true),
                new NodeSnapshot(R1, "127.0.0.1:7003", Role.MASTER, null, 5461, 10, 7, 7, true),
                new NodeSnapshot(R2, "127.0.0.1:7004", Role.REPLICA, M2, 0, 11, 5, 7, true),
                new NodeSnapshot(R3, "127.0.0.1:7005", Role.REPLICA, M3, 0, 12, 6, 7, true));
        model.apply(new ClusterSnapshot(10_000, owners, after, true));
        assertEquals(first, model.nodes().get(3).colorIndex(), "7003 wears 7000's colour");
        assertEquals(first, model.slotColorsProperty().get()[0], "slot 0 keeps its colour through the failover");
        assertEquals(second, model.nodes().get(1).colorIndex());
        assertNotEquals(first, model.nodes().get(0).colorIndex(), "the crashed master gave its colour away");
    }

    @Test
    void countsReachTheTableAtMostThreeTimesASecondButRolesAtOnce() {
        long[] now = {0};
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        model.setClock(() -> now[0]);
        model.apply(threeByThree(0));
        int[] owners = threeByThree(0).slotOwner();
        owners[0] = 1; // a slot moved: the ring changes at once, the counts in the table a little later
        List<NodeSnapshot> nodes = threeByThree(0).nodes();
        now[0] += 100_000_000L;
        model.apply(new ClusterSnapshot(100, owners, nodes, true));
        assertEquals(1, model.slotColorsProperty().get()[0], "the ring follows every snapshot");
        assertEquals("slots 0-5460 (5461)", model.legend().get(0).detail(), "the legend and table wait");
        now[0] += MainViewModel.ROWS_PERIOD_NANOS;
        List<NodeSnapshot> counted = new ArrayList<>(nodes);
        counted.set(0, new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 5460, 10, 1, 6, true));
        model.apply(new ClusterSnapshot(400, owners, counted, true));
        model.frame(); // the snapshot's own frame: the ring only
        assertEquals(5461, model.nodes().get(0).slots());
        assertEquals("slots 0-5460 (5461)", model.legend().get(0).detail());
        model.frame(); // the next: the table
        assertEquals(5460, model.nodes().get(0).slots(), "then catches up, same topology or not");
        assertEquals("slots 0-5460 (5461)", model.legend().get(0).detail());
        model.frame(); // and the one after: the legend
        assertEquals("slots 1-5460 (5460)", model.legend().get(0).detail());
        model.frame();
        assertEquals("slots 1-5460 (5460)", model.legend().get(0).detail(), "nothing left to show");

        List<NodeSnapshot> crashed = new ArrayList<>(nodes);
        crashed.set(0, new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 5461, 10, 1, 6, false));
        now[0] += 1_000_000L;
        model.apply(new ClusterSnapshot(401, owners, crashed, true));
        assertTrue(!model.nodes().get(0).running(), "a crash shows at once");
    }

    @Test
    void theStateColumnSaysFailQuestionFailCrashedAndFrozenInThatOrder() {
        MainViewModel model = new MainViewModel(Locale.ENGLISH);
        List<NodeSnapshot> nodes = new ArrayList<>(threeByThree(0).nodes());
        nodes.set(0, new NodeSnapshot(M1, "127.0.0.1:7000", Role.MASTER, null, 5461, 10, 1, 6, true,
                NodeSnapshot.Health.PFAIL, false, 0));
        nodes.set(1, new NodeSnapshot(M2, "127.0.0.1:7001", Role.MASTER, null, 5462, 11, 2, 6, true,
                NodeSnapshot.Health.FAIL, true, 0));
        nodes.set(2, new NodeSnapshot(M3, "127.0.0.1:7002", Role.MASTER, null, 5461, 12, 3, 6, false,
                NodeSnapshot.Health.FAIL, false, 0));
        nodes.set(3, new NodeSnapshot(R1, "127.0.0.1:7003", Role.REPLICA, M1, 0, 10, 4, 6, true,
                NodeSnapshot.Health.OK, true, 0));
        model.apply(new ClusterSnapshot(0, threeByThree(0).slotOwner(), nodes, false));
        assertEquals(List.of("fail? (suspected)", "fail", "crashed", "frozen", "ok", "ok"),
                model.nodes().stream().map(NodeRow::stateText).toList());
        model.localeProperty().set(Locale.SIMPLIFIED_CHINESE);
        assertEquals("fail?\uff08\u7591\u4f3c\u4e0b\u7ebf\uff09", model.nodes().get(0).stateText());
    }
}
