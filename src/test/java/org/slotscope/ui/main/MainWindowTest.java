package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.ChineseFont;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRingView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

class MainWindowTest extends WindowTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void windowShowsThreeMastersAndThreeReplicasAndARingColouredByOwner(FxRobot robot) throws Exception {
        waitForSixNodes();
        var rows = window.view().nodeTable().getItems().stream().map(LiveRow::get).toList();
        assertEquals(3, rows.stream().filter(NodeRow::isMaster).count());
        assertEquals(3, rows.stream().filter(row -> !row.isMaster()).count());
        assertTrue(robot.lookup("127.0.0.1:7005").tryQuery().isPresent(), "the table shows the last replica");

        SlotRingView ring = window.view().ring();
        int[] argbAtSlots = WaitForAsyncUtils.asyncFx(() -> {
            Image image = ring.image();
            assertNotNull(image, "the ring has not been drawn");
            PixelReader reader = image.getPixelReader();
            int opaque = 0;
            for (int y = 0; y < (int) image.getHeight(); y++) {
                for (int x = 0; x < (int) image.getWidth(); x++) {
                    if ((reader.getArgb(x, y) >>> 24) != 0) {
                        opaque++;
                    }
                }
            }
            assertTrue(opaque > image.getWidth() * image.getHeight() / 4, "ring image is (nearly) empty: " + opaque);
            int[] out = new int[3];
            int[] slots = {0, 6000, 12000};
            for (int i = 0; i < slots.length; i++) {
                Point2D p = ring.pixelOfSlot(slots[i]);
                out[i] = reader.getArgb((int) p.getX(), (int) p.getY());
            }
            return out;
        }).get();
        // Slots 0, 6000 and 12000 belong to the first, second and third master (redis-cli's split).
        assertEquals(SlotPalette.argb(rows.get(0).colorIndex()), argbAtSlots[0]);
        assertEquals(SlotPalette.argb(rows.get(1).colorIndex()), argbAtSlots[1]);
        assertEquals(SlotPalette.argb(rows.get(2).colorIndex()), argbAtSlots[2]);
        Set<Integer> distinct = new HashSet<>();
        for (int argb : argbAtSlots) {
            distinct.add(argb);
        }
        assertEquals(3, distinct.size(), "three owners, three colours");

        String status = robot.lookup(".status-line").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Simulated cluster \u00b7 3 masters, 3 replicas"), status);
    }

    @Test
    void choosingSimplifiedChineseReloadsTheWindowInChineseAndKeepsTheCluster(FxRobot robot) throws Exception {
        waitForSixNodes();
        ResourceBundle zh = Messages.bundle(Messages.SIMPLIFIED_CHINESE);
        ResourceBundle en = Messages.bundle(Messages.ENGLISH);
        assertEquals(en.getString("main.heading"), robot.lookup(".heading").queryAs(Label.class).getText());

        robot.clickOn(".language-box");
        // the one Chinese text of an English window is drawn in a font that has its glyphs (on a
        // machine with no CJK font, the jar's own)
        String chineseFamily = ChineseFont.family().orElseThrow();
        javafx.scene.control.ListCell<?> chineseItem = robot.lookup(".list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> Messages.nativeName(Messages.SIMPLIFIED_CHINESE)
                        .equals(c.getText())).query();
        assertEquals(chineseFamily, chineseItem.getFont().getFamily());
        robot.clickOn(Messages.nativeName(Messages.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();

        String heading = robot.lookup(".heading").queryAs(Label.class).getText();
        assertEquals(zh.getString("main.heading"), heading);
        assertEquals(chineseFamily, robot.lookup(".heading").queryAs(Label.class).getFont().getFamily());
        assertEquals(chineseFamily, window.view().statusLabel().getFont().getFamily());
        assertNotEquals(en.getString("main.heading"), heading);
        assertEquals(Locale.SIMPLIFIED_CHINESE, window.viewModel().localeProperty().get());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> window.view().statusLabel().getText().startsWith("\u6a21\u62df\u96c6\u7fa4"));
        assertEquals(6, window.view().nodeTable().getItems().size(), "the cluster survives the reload");
        assertEquals(zh.getString("role.master"), window.view().nodeTable().getItems().get(0).get().roleText());
        assertNotNull(window.view().ring().image(), "the new ring is drawn");
    }
}
