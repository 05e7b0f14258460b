package org.slotscope.ui.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.slotscope.engine.slot.HashSlot;

/**
 * The 16384 hash slots as a ring, slot 0 at twelve o'clock, clockwise, each slot coloured by the
 * master that owns it. Drawing one shape per slot costs hundreds of milliseconds per frame in the
 * software pipeline; instead every pixel knows its slot (computed once per size) and a repaint is
 * one pass over an int buffer shared with the image.
 */
public final class SlotRingView extends Region {
    public static final String STYLE_CLASS = "slot-ring";
    public static final String CENTER_STYLE_CLASS = "slot-ring-center";
    /** Inner radius as a fraction of the outer one: a thick ring that leaves room for the centre text. */
    static final double INNER_RATIO = 0.62;
    private static final int TRANSPARENT = 0x00000000;
    private static final int MIN_SIDE = 64;

    private final ImageView imageView = new ImageView();
    private final Label centerLabel = new Label();
    private int[] slotColorIndex = new int[HashSlot.SLOTS];
    private int side;
    private int[] pixelSlot = new int[0];
    private IntBuffer pixels;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;

    public SlotRingView() {
        getStyleClass().add(STYLE_CLASS);
        centerLabel.getStyleClass().add(CENTER_STYLE_CLASS);
        centerLabel.setWrapText(true);
        centerLabel.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Arrays.fill(slotColorIndex, -1);
        imageView.setSmooth(false);
        getChildren().addAll(imageView, centerLabel);
    }

    /** The colour index of each slot's owner (-1: unassigned). The array is copied. */
    public void setSlotColors(int[] colorIndexPerSlot) {
        if (colorIndexPerSlot.length != HashSlot.SLOTS) {
            throw new IllegalArgumentException("expected " + HashSlot.SLOTS + " slots, got " + colorIndexPerSlot.length);
        }
        slotColorIndex = colorIndexPerSlot.clone();
        repaint();
    }

    public void setCenterText(String text) {
        centerLabel.setText(text);
    }

    public String centerText() {
        return centerLabel.getText();
    }

    /** The image the ring is drawn into (null until the control has been laid out). */
    public Image image() {
        return image;
    }

    /** The image's side in pixels. */
    public int side() {
        return side;
    }

    /** The pixel (image coordinates) halfway across the ring at the angle of the middle of {@code slot}. */
    public Point2D pixelOfSlot(int slot) {
        double center = side / 2.0;
        double outer = outerRadius(side);
        double radius = (outer + outer * INNER_RATIO) / 2;
        double angle = (slot + 0.5) / HashSlot.SLOTS * 2 * Math.PI;
        return new Point2D(Math.floor(center + radius * Math.sin(angle)), Math.floor(center - radius * Math.cos(angle)));
    }

    /** Which slot a pixel of the image shows, or -1 outside the ring. */
    public int slotAtPixel(int x, int y) {
        return pixelSlot[y * side + x];
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        int wanted = (int) Math.floor(Math.min(width, height));
        if (wanted >= MIN_SIDE && wanted != side) {
            resize(wanted);
        }
        double x = snappedLeftInset() + Math.floor((width - side) / 2);
        double y = snappedTopInset() + Math.floor((height - side) / 2);
        imageView.relocate(x, y);
        double labelWidth = side * INNER_RATIO * 1.2;
        double labelHeight = centerLabel.prefHeight(labelWidth);
        centerLabel.resizeRelocate(x + (side - labelWidth) / 2, y + (side - labelHeight) / 2, labelWidth, labelHeight);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 640;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 240;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 240;
    }

    private static double outerRadius(int side) {
        return side / 2.0 - 2;
    }

    private void resize(int newSide) {
        side = newSide;
        pixelSlot = pixelToSlotMap(newSide);
        pixels = ByteBuffer.allocateDirect(newSide * newSide * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
        pixelBuffer = new PixelBuffer<>(newSide, newSide, pixels, PixelFormat.getIntArgbPreInstance());
        image = new WritableImage(pixelBuffer);
        imageView.setImage(image);
        repaint();
    }

    /** For every pixel of a side x side image, the slot whose angle its centre lies at, or -1. */
    static int[] pixelToSlotMap(int side) {
        int[] map = new int[side * side];
        double center = side / 2.0;
        double outer = outerRadius(side);
        double inner = outer * INNER_RATIO;
        double fullTurn = 2 * Math.PI;
        for (int y = 0; y < side; y++) {
            double dy = y + 0.5 - center;
            for (int x = 0; x < side; x++) {
                double dx = x + 0.5 - center;
                double r = Math.sqrt(dx * dx + dy * dy);
                int index = y * side + x;
                if (r < inner || r > outer) {
                    map[index] = -1;
                    continue;
                }
                // Clockwise from twelve o'clock: atan2(x, -y) is 0 straight up and grows to the right.
                double angle = Math.atan2(dx, -dy);
                if (angle < 0) {
                    angle += fullTurn;
                }
                int slot = (int) (angle / fullTurn * HashSlot.SLOTS);
                map[index] = Math.min(slot, HashSlot.SLOTS - 1);
            }
        }
        return map;
    }

    private void repaint() {
        if (pixelBuffer == null) {
            return;
        }
        int[] colors = slotColorIndex;
        int[] map = pixelSlot;
        IntBuffer target = pixels;
        pixelBuffer.updateBuffer(buffer -> {
            for (int i = 0; i < map.length; i++) {
                int slot = map[i];
                target.put(i, slot < 0 ? TRANSPARENT : SlotPalette.argb(colors[slot]));
            }
            return null;
        });
    }
}
