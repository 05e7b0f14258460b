package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRingView;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.traffic.Flight;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window driven as a person would, headless (Monocle): a reshard started from the window
 * recolours the ring, a SET on the wrong node shows MOVED and its bounce, a crashed master is
 * replaced by its replica, the language switch changes every visible string, and rewinding shows the
 * ownership of an earlier moment. Screenshots of the interesting moments go to target/screenshots.
 */
class WindowScenarioTest extends WindowTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    /** The ARGB the ring shows in the middle of {@code slot}. */
    private int ringArgbAt(int slot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            SlotRingView ring = window.view().ring();
            Point2D p = ring.pixelOfSlot(slot);
            return ring.image().getPixelReader().getArgb((int) p.getX(), (int) p.getY());
        }).get();
    }

    private int colourOfNode(String address) {
        for (NodeRow row : window.viewModel().nodes()) {
            if (row.address().equals(address)) {
                return SlotPalette.argb(row.colorIndex());
            }
        }
        throw new AssertionError("no node " + address);
    }

    private void shoot(String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Screenshot.save(stage.getScene(), SHOTS.resolve(name))).get();
    }

    private void reshard(FxRobot robot, int slots, String target) throws Exception {
        robot.interact(() -> {
            ComboBox<String> box = robot.lookup(".reshard-target").queryComboBox();
            box.setValue(target);
        });
        TextField count = robot.lookup(".reshard-slots").queryAs(TextField.class);
        robot.interact(count::clear);
        robot.clickOn(count).write(Integer.toString(slots));
        robot.clickOn(".reshard-start");
    }

    @Test
    void windowOpensWithThreeMastersTheirReplicasAndNodesDrawnInTheRing(FxRobot robot) throws Exception {
        waitForSixNodes();
        List<NodeRow> rows = new ArrayList<>(window.viewModel().nodes());
        assertEquals(List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"),
                rows.stream().filter(NodeRow::isMaster).map(NodeRow::address).toList());
        for (NodeRow replica : rows.subList(3, 6)) {
            assertFalse(replica.isMaster());
            assertEquals(rows.get(rows.indexOf(replica) - 3).colorIndex(), replica.colorIndex(),
                    "a replica wears its master's colour");
        }
        // the overlay draws every node inside the ring: the pixel at a master's spot is its colour
        ClusterSnapshot snap = snapshot();
        var spots = org.slotscope.ui.traffic.NodePlacement.place(snap);
        int drawn = WaitForAsyncUtils.asyncFx(() -> {
            SlotRingView ring = window.view().ring();
            var image = ring.nodeLayer().snapshot(null, null);
            Point2D p = ring.pointAt(spots.get(snap.nodes().get(0).id()).angleInSlots(),
                    spots.get(snap.nodes().get(0).id()).radius());
            return image.getPixelReader().getArgb((int) p.getX(), (int) p.getY());
        }).get();
        assertEquals(colourOfNode("127.0.0.1:7000"), drawn);
        shoot("window.png");
    }

    @Test
    void reshardStartedFromTheWindowRecoloursTheRing(FxRobot robot) throws Exception {
        waitForSixNodes();
        int before = ringArgbAt(0);
        assertEquals(colourOfNode("127.0.0.1:7000"), before);

        reshard(robot, 1000, "127.0.0.1:7002");
        boolean sawOpenSlots = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!window.models().actions().messageProperty().get().startsWith("Moved")) {
            assertTrue(System.nanoTime() < deadline, "reshard did not finish: "
                    + window.models().actions().messageProperty().get());
            ClusterSnapshot snap = snapshot();
            if (!sawOpenSlots && snap != null && snap.hasOpenSlots()) {
                sawOpenSlots = true;
                shoot("reshard-in-progress.png");
            }
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, window.models().actions().progressProperty().get());
        waitFor(10, () -> snapshot().ownerOf(0) == 2 && !snapshot().hasOpenSlots());
        // redis-cli's plan: the biggest source first, rounded up (7001: 501 slots from 5461), then 7000 (499 from 0)
        int movedKeys = 0;
        for (int slot = 0; slot < 10923; slot++) {
            if (snapshot().ownerOf(slot) == 2) {
                assertTrue(slot <= 498 || (slot >= 5461 && slot <= 5961), "unexpected slot moved: " + slot);
                movedKeys += snapshot().keysIn(slot);
            }
        }
        assertEquals("Moved 1,000 slots and " + movedKeys + " keys.", window.models().actions().messageProperty().get());
        waitFor(5, () -> ringArgbAt(0) == colourOfNode("127.0.0.1:7002"));
        assertEquals(colourOfNode("127.0.0.1:7002"), ringArgbAt(5461), "7001's first slots moved too");
        assertEquals(colourOfNode("127.0.0.1:7000"), ringArgbAt(1000), "7000 keeps the rest");
        assertTrue(sawOpenSlots || window.models().eventLines().stream().anyMatch(l -> l.contains("MIGRATING")),
                "the migration was seen while it ran");
    }

    @Test
    void consoleSetOnTheWrongNodeShowsMovedAndItsBounceThenFollowsItWithDashC(FxRobot robot) throws Exception {
        waitForSixNodes();
        assertEquals(12182, HashSlot.of("foo"));
        robot.clickOn(".console-input").write("SET foo bar").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(10, () -> window.models().console().transcript().contains("(error) MOVED 12182 127.0.0.1:7002"));
        assertEquals("127.0.0.1:7000> SET foo bar", window.models().console().transcript().get(0));
        waitFor(5, () -> window.models().traffic().recent().stream()
                .anyMatch(f -> f.kind() == Flight.Kind.MOVED && f.slot() == 12182));
        Flight bounce = window.models().traffic().recent().stream().filter(f -> f.kind() == Flight.Kind.MOVED)
                .findFirst().orElseThrow();
        assertEquals("MOVED 12182 127.0.0.1:7002", bounce.label());
        assertEquals(null, bounce.to(), "the MOVED flies back to the client");
        assertEquals(snapshot().nodes().get(0).id(), bounce.from());
        waitFor(5, () -> window.models().eventLines().stream().anyMatch(l -> l.contains(":7000 -> MOVED 12182")));

        robot.clickOn(".console-cluster-mode");
        robot.clickOn(".console-input").write("SET foo bar").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(10, () -> window.models().console().transcript().contains(
                "-> Redirected to slot [12182] located at 127.0.0.1:7002"));
        waitFor(5, () -> window.models().console().transcript().get(
                window.models().console().transcript().size() - 1).equals("OK"));
        assertEquals("127.0.0.1:7002", window.models().console().nodeProperty().get(),
                "like redis-cli, the console stays on the node it was redirected to");
        robot.clickOn(".console-input").write("GET foo").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(10, () -> window.models().console().transcript().contains("\"bar\""));
    }

    @Test
    void crashingAMasterFromTheWindowEndsWithItsReplicaPromoted(FxRobot robot) throws Exception {
        waitForSixNodes();
        robot.interact(() -> window.models().playback().speedExponentProperty().set(1)); // 10x
        robot.interact(() -> window.view().nodeTable().getSelectionModel().select(0));
        waitFor(5, () -> window.models().actions().selectedNodeProperty().get() != null);
        robot.clickOn(".action-crash");
        waitFor(10, () -> !snapshot().nodes().get(0).running());
        // node timeout 5 s: PFAIL, FAIL, then the replica's election; at 10x a few wall seconds
        waitFor(60, () -> snapshot().nodes().get(3).isMaster() && snapshot().clusterOk());
        shoot("failover.png");
        NodeRow promoted = window.viewModel().nodes().stream().filter(r -> r.address().equals("127.0.0.1:7003"))
                .findFirst().orElseThrow();
        assertTrue(promoted.isMaster(), "7003 is a master in the table");
        assertEquals(5461, promoted.slots());
        NodeRow crashed = window.viewModel().nodes().get(0);
        assertFalse(crashed.running());
        assertEquals("crashed", crashed.stateText());
        assertEquals(3, snapshot().ownerOf(0), "slot 0 belongs to the promoted replica");
        waitFor(10, () -> window.models().eventLines().stream().anyMatch(l -> l.contains(":7003 replaces :7000")));
        assertTrue(window.models().playback().markers().stream()
                .anyMatch(m -> m.kind() == org.slotscope.ui.sim.TimelineMarker.Kind.FAILOVER));
        // one line per marker on the timeline, in order of time, inside the timeline's width
        List<Double> xs = WaitForAsyncUtils.asyncFx(() -> {
            List<Double> out = new ArrayList<>();
            for (Node line : robot.lookup(".timeline-marker").queryAll()) {
                double x = ((javafx.scene.shape.Line) line).getStartX();
                assertTrue(line.isVisible() && x >= 0 && x <= ((javafx.scene.layout.Region) line.getParent()).getWidth(),
                        "marker at " + x);
                out.add(x);
            }
            assertEquals(window.models().playback().markers().size(), out.size());
            return out;
        }).get();
        for (int i = 1; i < xs.size(); i++) {
            assertTrue(xs.get(i - 1) <= xs.get(i), "markers in time order: " + xs);
        }
    }

    /** Every Labeled, tab and prompt text showing in the scene. */
    private static Set<String> visibleTexts(Parent root) {
        Set<String> out = new HashSet<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, Set<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            out.add(labeled.getText());
        }
        if (node instanceof TextInputControl input && input.getPromptText() != null) {
            out.add(input.getPromptText());
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                out.add(tab.getText());
                if (tab.getContent() != null) {
                    collect(tab.getContent(), out);
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    @Test
    void languageSwitchChangesEveryVisibleStringFromTheBundles(FxRobot robot) throws Exception {
        waitForSixNodes();
        ResourceBundle en = Messages.bundle(Messages.ENGLISH);
        ResourceBundle zh = Messages.bundle(Messages.SIMPLIFIED_CHINESE);
        Set<String> englishValues = new HashSet<>();
        for (String key : en.keySet()) {
            if (!key.equals("app.title")) {
                englishValues.add(en.getString(key));
            }
        }
        Set<String> before = WaitForAsyncUtils.asyncFx(() -> visibleTexts(stage.getScene().getRoot())).get();
        Set<String> fromBundle = new HashSet<>(before);
        fromBundle.retainAll(englishValues);
        assertTrue(fromBundle.size() >= 25, "English texts from the bundle on screen: " + fromBundle);

        robot.clickOn(".language-box");
        robot.clickOn(Messages.nativeName(Messages.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(5, () -> window.view().statusLabel().getText().startsWith("\u6a21\u62df\u96c6\u7fa4"));

        Set<String> after = WaitForAsyncUtils.asyncFx(() -> visibleTexts(stage.getScene().getRoot())).get();
        Set<String> stillEnglish = new HashSet<>(after);
        stillEnglish.retainAll(englishValues);
        assertEquals(Set.of(), stillEnglish, "English bundle texts left after switching to Chinese");
        for (String key : List.of("main.heading", "console.title", "playback.step", "reshard.start", "actions.crash",
                "nodes.state", "ring.modeGrid")) {
            assertTrue(after.contains(zh.getString(key)), "not shown in Chinese: " + key);
        }
        shoot("window-zh.png");
        Button play = robot.lookup(".playback-play").queryButton();
        assertEquals(zh.getString("playback.pause"), play.getText());
        assertNotEquals(en.getString("playback.pause"), play.getText());
    }

    @Test
    void rewindingToAnEarlierTimeShowsTheEarlierOwnership(FxRobot robot) throws Exception {
        waitForSixNodes();
        long beforeReshard = snapshot().virtualTimeMillis();
        assertEquals(0, snapshot().ownerOf(0));
        reshard(robot, 200, "127.0.0.1:7001");
        waitFor(60, () -> window.models().actions().messageProperty().get().startsWith("Moved"));
        waitFor(10, () -> snapshot().ownerOf(0) == 1 && !snapshot().hasOpenSlots());
        long afterReshard = snapshot().virtualTimeMillis();
        assertEquals(colourOfNode("127.0.0.1:7001"), ringArgbAt(0));
        // The timeline follows the clock (a frame after the ring). Once it has gone past that moment,
        // putting it back there is the user's choice; a value it already has would change nothing, and
        // it would go on following the clock.
        waitFor(5, () -> window.models().playback().timeProperty().get() > afterReshard);

        // First a moment after the reshard: the replay re-runs it, from the seed and the recorded inputs.
        Slider timeline = window.view().playback().timeline();
        robot.interact(() -> timeline.setValue(afterReshard));
        robot.clickOn(".playback-rewind");
        waitFor(30, () -> !window.models().playback().rewindingProperty().get()
                && snapshot().virtualTimeMillis() == afterReshard);
        assertEquals(1, snapshot().ownerOf(0), "the replayed reshard gave slot 0 to 7001 again");
        assertFalse(window.models().playback().playingProperty().get(), "a rewind pauses");

        // Then before it: slot 0 is 7000's again, and the ring shows it.
        robot.interact(() -> timeline.setValue(beforeReshard));
        robot.clickOn(".playback-rewind");
        waitFor(30, () -> !window.models().playback().rewindingProperty().get()
                && snapshot().virtualTimeMillis() == beforeReshard);
        assertEquals(0, snapshot().ownerOf(0));
        waitFor(5, () -> ringArgbAt(0) == colourOfNode("127.0.0.1:7000"));
        assertTrue(window.models().playback().messageProperty().get().startsWith("Back at"),
                window.models().playback().messageProperty().get());
        NodeSnapshot first = snapshot().nodes().get(0);
        assertEquals(5461, first.slotCount());
    }

    @Test
    void hoverSaysSlotOwnerKeysAndStateClickSelectsAndTheGridShowsTheSameSlots(FxRobot robot) throws Exception {
        waitForSixNodes();
        SlotRingView ring = window.view().ring();
        Point2D inImage = ring.pixelOfSlot(100);
        Point2D onScreen = WaitForAsyncUtils.asyncFx(() -> ring.nodeLayer().localToScreen(inImage)).get();
        robot.moveTo(onScreen);
        waitFor(5, () -> ring.hoveredSlotProperty().get() >= 0);
        int hovered = ring.hoveredSlotProperty().get();
        assertTrue(Math.abs(hovered - 100) < 20, "hovered slot " + hovered);
        String hover = window.view().hoverLabel().getText();
        assertEquals("Slot " + hovered + "\nowner 127.0.0.1:7000\nkeys " + snapshot().keysIn(hovered) + "\nstable", hover);
        robot.clickOn(onScreen);
        waitFor(5, () -> window.models().inspector().selectedSlotProperty().get() == hovered);
        assertTrue(window.models().inspector().slotTextProperty().get().startsWith("Slot " + hovered
                + " \u00b7 owner 127.0.0.1:7000 \u00b7 stable"), window.models().inspector().slotTextProperty().get());
        assertEquals(1, window.view().tabs().getSelectionModel().getSelectedIndex(), "the inspector tab opens");

        robot.clickOn(".layout-grid");
        waitFor(5, () -> ring.layoutProperty().get() == SlotRingView.Layout.GRID && ring.image() != null
                && ring.side() > 0);
        waitFor(5, () -> ringArgbAt(16383) == colourOfNode("127.0.0.1:7002"));
        Point2D firstCell = ring.pixelOfSlot(1);
        assertTrue(firstCell.getX() < ring.side() / 64.0 && firstCell.getY() < ring.side() / 64.0,
                "slot 1 is in the top-left corner of the grid: " + firstCell);
        assertEquals(colourOfNode("127.0.0.1:7000"), ringArgbAt(1));
        assertEquals(colourOfNode("127.0.0.1:7001"), ringArgbAt(8000));
    }

    @Test
    void inspectorGivesAKeysCrc16HashTagSlotAndOwnerAndTheRingMarksIt(FxRobot robot) throws Exception {
        waitForSixNodes();
        assertTrue(robot.lookup(".inspector-key").tryQuery().isEmpty(), "a tab not shown yet joins the scene when selected");
        robot.interact(() -> window.view().tabs().getSelectionModel().select(1));
        robot.clickOn(".inspector-key").write("{user1000}.following");
        int slot = HashSlot.of("user1000");
        String owner = snapshot().nodes().get(snapshot().ownerOf(slot)).address();
        String expected = String.format(Locale.ROOT, "CRC16 0x%04X \u00b7 hash tag {user1000} \u00b7 slot %d \u00b7 owner %s",
                HashSlot.crc16("{user1000}.following".getBytes(java.nio.charset.StandardCharsets.UTF_8)), slot, owner);
        waitFor(5, () -> window.models().inspector().keyTextProperty().get().equals(expected));
        assertEquals(slot, window.view().ring().highlightedSlotProperty().get());
        // one slot is thinner than a pixel of the ring: it is marked by a black tick on the layer above
        waitFor(5, () -> WaitForAsyncUtils.asyncFx(() -> {
            SlotRingView ring = window.view().ring();
            Point2D p = ring.pixelOfSlot(slot);
            return ring.nodeLayer().snapshot(null, null).getPixelReader().getArgb((int) p.getX(), (int) p.getY());
        }).get() == 0xFF000000);
    }

    @Test
    void stepAdvancesTheClockToTheNextEventAndStaysPaused(FxRobot robot) throws Exception {
        waitForSixNodes();
        robot.clickOn(".playback-play"); // pause
        waitFor(5, () -> !window.models().playback().playingProperty().get());
        Thread.sleep(300);
        long paused = snapshot().virtualTimeMillis();
        Thread.sleep(300);
        waitFor(5, () -> true);
        assertEquals(paused, snapshot().virtualTimeMillis(), "paused: the clock stands still");
        // crash a master while paused; Step then runs to what follows (its replicas notice, PFAIL ...)
        robot.interact(() -> window.view().nodeTable().getSelectionModel().select(1));
        robot.clickOn(".action-crash");
        waitFor(10, () -> !snapshot().nodes().get(1).running());
        long before = snapshot().virtualTimeMillis();
        robot.clickOn(".playback-step");
        waitFor(10, () -> snapshot().virtualTimeMillis() > before);
        assertFalse(window.models().playback().playingProperty().get());
        long after = snapshot().virtualTimeMillis();
        assertTrue(after - before <= 10_000, "a step stops at the next event: " + (after - before) + " ms");
        Thread.sleep(300);
        assertEquals(after, session.latest().virtualTimeMillis(), "still paused after the step");
    }

    @Test
    void workloadStartedFromTheWindowMakesRequestsFlyAndCountsThem(FxRobot robot) throws Exception {
        waitForSixNodes();
        assertEquals(0, window.models().traffic().countOf(Flight.Kind.REQUEST));
        TextField rate = robot.lookup(".workload-rate").queryAs(TextField.class);
        robot.interact(rate::clear);
        robot.clickOn(rate).write("300");
        robot.clickOn(".workload-start");
        waitFor(10, () -> window.models().workload().runningProperty().get());
        waitFor(20, () -> window.models().workload().stats().ops() > 300
                && window.models().traffic().countOf(Flight.Kind.REQUEST) > 100);
        Flight request = window.models().traffic().lastOf(Flight.Kind.REQUEST);
        assertEquals(null, request.from(), "a request leaves the client at the centre");
        assertTrue(snapshot().indexOf(request.to()) >= 0, "and flies to a node of the ring: " + request.to());
        String metrics = robot.lookup(".workload-metrics").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(metrics.contains(" ops/s \u00b7 "), metrics);
        long opsBefore = window.models().workload().stats().ops();
        waitFor(10, () -> window.models().workload().stats().ops() > opsBefore + 300);
        assertEquals(((Button) robot.lookup(".workload-start").query()).getText(),
                Messages.bundle(Messages.ENGLISH).getString("workload.apply"), "while it runs, Start applies a new rate");
        // the messages are drawn on their own layer, under the nodes; hiding the traffic clears it
        waitFor(10, () -> paintedPixels(window.view().ring().flightLayer()) > 0);
        robot.clickOn(".traffic-toggle");
        waitFor(10, () -> paintedPixels(window.view().ring().flightLayer()) == 0);
        assertTrue(paintedPixels(window.view().ring().nodeLayer()) > 0, "the nodes stay");
        robot.clickOn(".traffic-toggle");
        waitFor(10, () -> paintedPixels(window.view().ring().flightLayer()) > 0);
        shoot("workload.png");
        robot.clickOn(".workload-stop");
        waitFor(10, () -> !session.workloadStats().running());
        waitFor(10, () -> window.models().workload().metricsProperty().get().startsWith("Stopped"));
    }

    /** How many pixels of a layer are not fully transparent. */
    private static int paintedPixels(javafx.scene.canvas.Canvas layer) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            var image = layer.snapshot(transparent(), null);
            var reader = image.getPixelReader();
            int painted = 0;
            for (int y = 0; y < (int) image.getHeight(); y += 2) {
                for (int x = 0; x < (int) image.getWidth(); x += 2) {
                    painted += (reader.getArgb(x, y) >>> 24) != 0 ? 1 : 0;
                }
            }
            return painted;
        }).get();
    }

    private static javafx.scene.SnapshotParameters transparent() {
        var parameters = new javafx.scene.SnapshotParameters();
        parameters.setFill(javafx.scene.paint.Color.TRANSPARENT);
        return parameters;
    }

    @Test
    void aReshardUnderTheWorkloadDrawsItsMovedBounces(FxRobot robot) throws Exception {
        waitForSixNodes();
        robot.interact(() -> {
            window.models().workload().rateProperty().set("500");
            window.models().workload().start();
        });
        waitFor(20, () -> window.models().workload().stats().ops() > 200);
        reshard(robot, 300, "127.0.0.1:7002");
        waitFor(60, () -> window.models().traffic().lastBounceOf(Flight.Kind.MOVED) != null);
        Flight bounce = window.models().traffic().lastBounceOf(Flight.Kind.MOVED);
        assertTrue(bounce.label().matches("MOVED " + bounce.slot() + " \u2192 :700[0-5]"), bounce.label());
        assertTrue(bounce.labelled(), "a MOVED is labelled");
        assertEquals(null, bounce.to(), "the MOVED flies back to the client");
        assertTrue(snapshot().indexOf(bounce.from()) >= 0, "from a node of the ring: " + bounce.from());
        Flight reroute = window.models().traffic().lastOf(Flight.Kind.MOVED);
        assertTrue(reroute.to() != null || reroute == bounce, "a MOVED request is re-routed to a node");
        waitFor(10, () -> window.models().workload().stats().moved() > 0);
        waitFor(60, () -> window.models().actions().messageProperty().get().startsWith("Moved"));
        assertEquals(0, window.models().workload().stats().failed(), "the clients rode out the reshard");
    }
}
