package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.ring.SlotRingView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Selecting a range of slots by dragging on the ring and on the grid, headless (Monocle), as a person
 * would: the inspector describes the range, the ring draws it darker, Escape and a click clear it,
 * and "Move these slots to" moves it to another master.
 */
class RangeSelectionWindowTest extends WindowTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** A ring pixel spans about ten slots of a 640-pixel ring: how far a dragged end may land from the aimed slot. */
    private static final int SLOTS_PER_PIXEL_SLACK = 20;

    private SlotRingView ring() {
        return window.view().ring();
    }

    private SlotRange selected() {
        return window.models().inspector().selectedRangeProperty().get();
    }

    /** The screen point in the middle of {@code slot} (halfway across the ring, or its grid cell). */
    private Point2D onScreen(int slot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ring().nodeLayer().localToScreen(ring().pixelOfSlot(slot))).get();
    }

    /** Presses on the first slot, moves through the others in turn, releases on the last. */
    private void drag(FxRobot robot, int... slots) throws Exception {
        robot.drag(onScreen(slots[0]), MouseButton.PRIMARY);
        for (int i = 1; i < slots.length; i++) {
            robot.moveTo(onScreen(slots[i]));
        }
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int ringArgbAt(int slot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Point2D p = ring().pixelOfSlot(slot);
            return ring().image().getPixelReader().getArgb((int) p.getX(), (int) p.getY());
        }).get();
    }

    private int colourIndexOf(String address) {
        return window.viewModel().nodes().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow().colorIndex();
    }

    private long keysIn(SlotRange range) {
        long keys = 0;
        for (int i = 0; i < range.count(); i++) {
            keys += snapshot().keysIn(range.slotAt(i));
        }
        return keys;
    }

    private static void assertNear(int expected, int actual, String what) {
        int distance = Math.abs(Math.floorMod(actual - expected + 8192, 16384) - 8192);
        assertTrue(distance <= SLOTS_PER_PIXEL_SLACK, what + ": expected about " + expected + ", got " + actual);
    }

    @Test
    void draggingAlongTheRingSelectsARangeTheInspectorDescribesEscapeClearsItAndAClickReplacesIt(FxRobot robot)
            throws Exception {
        waitFor(10, () -> window.view().nodeTable().getItems().size() == 6);
        int orange = colourIndexOf("127.0.0.1:7000");

        drag(robot, 300, 1000, 2000);
        waitFor(5, () -> selected() != null);
        SlotRange range = selected();
        assertNear(300, range.first(), "first slot");
        assertNear(2000, range.last(), "last slot");
        assertFalse(range.wraps());
        assertEquals(-1, ring().selectedSlotProperty().get(), "a range replaces the clicked slot");
        assertEquals(1, window.view().tabs().getSelectionModel().getSelectedIndex(), "the inspector tab opens");
        String expected = "Slots " + range.first() + "-" + range.last() + " \u00b7 "
                + String.format(Locale.ENGLISH, "%,d", range.count()) + " slots \u00b7 " + keysIn(range) + " keys\n"
                + "Owners: 127.0.0.1:7000 (" + String.format(Locale.ENGLISH, "%,d", range.count()) + " slots)\n"
                + "No slot in it is MIGRATING or IMPORTING.";
        Label shown = robot.lookup(".inspector-range").queryAs(Label.class);
        assertEquals(expected, shown.getText());
        assertTrue(shown.isVisible());
        assertTrue(robot.lookup(".range-move-start").tryQuery().orElseThrow().isVisible(), "the move button shows");
        assertEquals(SlotPalette.selectedArgb(orange), ringArgbAt(1000), "the range is drawn darker");
        assertEquals(SlotPalette.argb(orange), ringArgbAt(3000), "slots outside it are not");

        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> selected() == null);
        assertEquals(SlotPalette.argb(orange), ringArgbAt(1000));
        assertFalse(robot.lookup(".inspector-range").queryAs(Label.class).isVisible());

        // anticlockwise from 500 across twelve o'clock to 15800: one range through slot 0
        drag(robot, 500, 100, 16300, 15800);
        waitFor(5, () -> selected() != null);
        SlotRange across = selected();
        assertTrue(across.wraps(), "crosses slot 0: " + across);
        assertNear(15800, across.first(), "first slot");
        assertNear(500, across.last(), "last slot");
        String owners = window.models().inspector().rangeTextProperty().get().lines().skip(1).findFirst().orElseThrow();
        assertEquals("Owners: 127.0.0.1:7000 (" + (across.last() + 1) + " slots), 127.0.0.1:7002 ("
                + (16384 - across.first()) + " slots)", owners);
        assertEquals(SlotPalette.selectedArgb(colourIndexOf("127.0.0.1:7002")), ringArgbAt(16100));
        assertEquals(SlotPalette.selectedArgb(orange), ringArgbAt(0));
        WaitForAsyncUtils.asyncFx(() -> Screenshot.save(stage.getScene(),
                WindowScenarioTest.SHOTS.resolve("range-selected.png"))).get();

        // a plain click selects one slot again and drops the range
        robot.clickOn(onScreen(8000));
        waitFor(5, () -> selected() == null && ring().selectedSlotProperty().get() >= 0);
        assertNear(8000, ring().selectedSlotProperty().get(), "clicked slot");
        assertEquals(SlotPalette.argb(orange), ringArgbAt(0));
    }

    @Test
    void draggingOnTheGridSelectsTheSlotsBetweenTheTwoCellsInReadingOrder(FxRobot robot) throws Exception {
        waitFor(10, () -> window.view().nodeTable().getItems().size() == 6);
        robot.clickOn(".layout-grid");
        waitFor(5, () -> ring().layoutProperty().get() == SlotRingView.Layout.GRID && ring().side() > 0);
        drag(robot, 520, 300, 130); // up and to the right, then left: the range is 130-520, row by row
        waitFor(5, () -> selected() != null);
        assertEquals(SlotRange.between(130, 520), selected());
        assertEquals(SlotPalette.selectedArgb(colourIndexOf("127.0.0.1:7000")), ringArgbAt(129 + 128));
        assertEquals(SlotPalette.argb(colourIndexOf("127.0.0.1:7000")), ringArgbAt(129));
        assertEquals(SlotPalette.argb(colourIndexOf("127.0.0.1:7000")), ringArgbAt(521));
        assertTrue(window.models().inspector().rangeTextProperty().get().startsWith(
                "Slots 130-520 \u00b7 391 slots \u00b7 " + keysIn(selected()) + " keys"));
    }

    @Test
    void movingASelectedRangeToAnotherMasterRecoloursTheRing(FxRobot robot) throws Exception {
        waitFor(10, () -> window.view().nodeTable().getItems().size() == 6);
        int inputsBefore = session.inputs().size();
        drag(robot, 200, 700, 1200);
        waitFor(5, () -> selected() != null);
        SlotRange range = selected();
        long keys = keysIn(range);
        robot.interact(() -> {
            ComboBox<String> target = robot.lookup(".range-move-target").queryComboBox();
            target.setValue("127.0.0.1:7001");
        });
        robot.clickOn(".range-move-start");
        waitFor(60, () -> window.models().actions().messageProperty().get().startsWith("Moved"));
        assertEquals("Moved " + String.format(Locale.ENGLISH, "%,d", range.count()) + " slots and " + keys + " keys.",
                window.models().actions().messageProperty().get());
        waitFor(10, () -> {
            for (int i = 0; i < range.count(); i++) {
                if (snapshot().ownerOf(range.slotAt(i)) != 1) {
                    return false;
                }
            }
            return !snapshot().hasOpenSlots();
        });
        assertEquals(0, snapshot().ownerOf(Math.floorMod(range.first() - 1, 16384)), "the slot before stays 7000's");
        assertEquals(0, snapshot().ownerOf(range.last() + 1), "the slot after stays 7000's");
        assertTrue(session.inputs().size() > inputsBefore + range.count() * 4,
                "every SETSLOT and MIGRATE is journaled for rewind");
        int blue = colourIndexOf("127.0.0.1:7001");
        waitFor(5, () -> ringArgbAt(700) == SlotPalette.selectedArgb(blue));
        waitFor(5, () -> window.models().inspector().rangeTextProperty().get().contains(
                "Owners: 127.0.0.1:7001 (" + String.format(Locale.ENGLISH, "%,d", range.count()) + " slots)"));
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> selected() == null);
        assertEquals(SlotPalette.argb(blue), ringArgbAt(700), "the moved slots wear 7001's colour");
        assertEquals(SlotPalette.argb(colourIndexOf("127.0.0.1:7000")), ringArgbAt(3000));
    }
}
