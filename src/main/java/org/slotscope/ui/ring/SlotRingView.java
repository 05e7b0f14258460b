package org.slotscope.ui.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import org.slotscope.engine.slot.HashSlot;

/**
 * The 16384 hash slots as a ring (slot 0 at twelve o'clock, clockwise) or as a 128x128 grid, each
 * slot coloured by the master that owns it; an inner track shows keys per slot; a slot being
 * migrated is striped in its owner's and its target's colours, the stripes moving while it is open.
 * Drawing one shape per slot costs hundreds of milliseconds per frame in the software pipeline;
 * instead every pixel knows its slot (computed once per size and layout) and a repaint is one pass
 * over an int buffer shared with the image. A canvas above it carries the few shapes that move
 * (nodes, arcs, requests in flight).
 *
 * <p>A click selects one slot; a drag selects a range of slots ({@link SlotDrag} says how a drag
 * becomes a range, across slot 0 too), drawn darker in its owners' colours while dragging and after;
 * Escape clears the selection, a click replaces it.
 */
public final class SlotRingView extends Region {
    public static final String STYLE_CLASS = "slot-ring";
    public static final String CENTER_STYLE_CLASS = "slot-ring-center";

    /** Ring or grid: the same slots, the same colours. */
    public enum Layout { RING, GRID }

    /** Inner radius as a fraction of the outer one: a thick ring that leaves room for the centre. */
    public static final double INNER_RATIO = 0.62;
    /** The key-density track just inside the ring, as fractions of the outer radius. */
    static final double DENSITY_OUTER = 0.60;
    static final double DENSITY_INNER = 0.55;
    /** Map values at or below this encode the density track: -(slot + 2). */
    private static final int TRANSPARENT = 0x00000000;
    private static final int HIGHLIGHT = 0xFF000000;
    private static final int MIN_SIDE = 64;
    private static final int STRIPE = 6;
    /** Slots on each side averaged into the density track (the ring's pixels are ~10 slots wide). */
    static final int DENSITY_WINDOW = 12;

    private final ImageView imageView = new ImageView();
    /** Messages in flight: repainted in every frame that they move. */
    private final Canvas flightLayer = new Canvas();
    /** Nodes, migration arcs, open and marked slots, above the messages: repainted only when they change. */
    private final Canvas nodeLayer = new Canvas();
    private final Label centerLabel = new Label();
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(this, "layout", Layout.RING);
    private final ReadOnlyIntegerWrapper hoveredSlot = new ReadOnlyIntegerWrapper(this, "hoveredSlot", -1);
    private final IntegerProperty selectedSlot = new SimpleIntegerProperty(this, "selectedSlot", -1);
    private final IntegerProperty highlightedSlot = new SimpleIntegerProperty(this, "highlightedSlot", -1);
    private final ObjectProperty<SlotRange> selectedRange = new SimpleObjectProperty<>(this, "selectedRange");
    private SlotDrag drag;
    /**
     * A drag changes the range on nearly every mouse event (a ring pixel spans ~10 slots), often
     * several times per frame; each whole-image repaint costs about a millisecond, so the range is
     * repainted once, at the next frame.
     */
    private final AnimationTimer rangeRepaint = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            repaint();
        }
    };
    private int[] slotColorIndex = new int[HashSlot.SLOTS];
    private int[] peerColorIndex = new int[HashSlot.SLOTS];
    private int[] keysInSlot = new int[HashSlot.SLOTS];
    private int maxKeys = 1;
    private int phase;
    private int side;
    private int[] pixelSlot = new int[0];
    /** The pixels of each slot (ring and density track), slot by slot: pixels[slotStart[s] .. slotStart[s + 1]). */
    private int[] slotStart = new int[HashSlot.SLOTS + 1];
    private int[] slotPixels = new int[0];
    /** The slots being migrated, whose stripes move every frame. */
    private int[] openSlots = new int[0];
    private IntBuffer pixels;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;
    private long repaints;

    public SlotRingView() {
        getStyleClass().add(STYLE_CLASS);
        centerLabel.getStyleClass().add(CENTER_STYLE_CLASS);
        centerLabel.setWrapText(true);
        centerLabel.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        centerLabel.setMouseTransparent(true);
        centerLabel.setVisible(false); // the nodes are drawn in the middle now; the heading says what the ring is
        flightLayer.setMouseTransparent(true);
        nodeLayer.setMouseTransparent(true);
        Arrays.fill(slotColorIndex, -1);
        Arrays.fill(peerColorIndex, -1);
        imageView.setSmooth(false);
        getChildren().addAll(imageView, centerLabel, flightLayer, nodeLayer);
        layout.addListener((obs, old, now) -> {
            side = 0; // recompute the pixel map for the other layout
            requestLayout();
        });
        highlightedSlot.addListener((obs, old, now) -> repaint());
        selectedSlot.addListener((obs, old, now) -> repaint());
        selectedRange.addListener((obs, old, now) -> {
            if (!java.util.Objects.equals(old, now)) {
                rangeRepaint.start();
            }
        });
        imageView.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoveredSlot.set(slotAt(e.getX(), e.getY())));
        imageView.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            if (drag == null) {
                hoveredSlot.set(-1);
            }
        });
        imageView.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        imageView.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        imageView.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && (selectedRange.get() != null || selectedSlot.get() >= 0)) {
                clearSelection();
                e.consume();
            }
        });
    }

    private void pressed(MouseEvent e) {
        int slot = slotAt(e.getX(), e.getY());
        if (!e.isPrimaryButtonDown() || slot < 0) {
            drag = null;
            return;
        }
        requestFocus(); // so Escape reaches the ring
        drag = SlotDrag.press(layout.get(), slot, e.getX(), e.getY());
    }

    private void dragged(MouseEvent e) {
        if (drag == null) {
            return;
        }
        drag.moveTo(slotToward(e.getX(), e.getY()), e.getX(), e.getY());
        hoveredSlot.set(slotAt(e.getX(), e.getY()));
        SlotRange range = drag.range();
        if (range != null) {
            selectedSlot.set(-1);
            selectedRange.set(range);
        }
    }

    private void released(MouseEvent e) {
        if (drag == null) {
            return;
        }
        SlotDrag done = drag;
        drag = null;
        hoveredSlot.set(slotAt(e.getX(), e.getY())); // the drag may have ended off the slots
        if (done.isClick()) {
            selectedRange.set(null);
            selectedSlot.set(done.pressedSlot());
        }
    }

    /** Forgets the selected slot and range (Escape). */
    public void clearSelection() {
        drag = null;
        selectedRange.set(null);
        selectedSlot.set(-1);
    }

    /** The slot a drag is heading for at image point (x, y): by angle on the ring, by cell on the grid. */
    private int slotToward(double x, double y) {
        return layout.get() == Layout.GRID ? RingGeometry.gridSlotToward(x, y, side)
                : RingGeometry.ringSlotToward(x, y, side);
    }

    public ObjectProperty<Layout> layoutProperty() {
        return layout;
    }

    /** The slot under the mouse, -1 when none. */
    public ReadOnlyIntegerProperty hoveredSlotProperty() {
        return hoveredSlot.getReadOnlyProperty();
    }

    /** The slot last clicked. */
    public IntegerProperty selectedSlotProperty() {
        return selectedSlot;
    }

    /** The range of slots selected by dragging, null when none: drawn darker. */
    public ObjectProperty<SlotRange> selectedRangeProperty() {
        return selectedRange;
    }

    /** A slot drawn in black (the inspector's key). */
    public IntegerProperty highlightedSlotProperty() {
        return highlightedSlot;
    }

    /** The colour index of each slot's owner (-1: unassigned). The array is copied. */
    public void setSlotColors(int[] colorIndexPerSlot) {
        setSlots(colorIndexPerSlot, null, null);
    }

    /**
     * Owners' colours, the colour of the node each open slot is migrating to (-1: not open), and keys
     * per slot (null: leave as is). Arrays are copied.
     */
    public void setSlots(int[] colorIndexPerSlot, int[] peerColorPerSlot, int[] keysPerSlot) {
        if (colorIndexPerSlot.length != HashSlot.SLOTS) {
            throw new IllegalArgumentException("expected " + HashSlot.SLOTS + " slots, got " + colorIndexPerSlot.length);
        }
        Paint before = paintState();
        slotColorIndex = colorIndexPerSlot.clone();
        if (peerColorPerSlot != null) {
            peerColorIndex = peerColorPerSlot.clone();
            openSlots = openSlots(peerColorIndex);
        }
        if (keysPerSlot != null) {
            keysInSlot = smoothed(keysPerSlot, DENSITY_WINDOW);
            maxKeys = densityScale(maxKeys, max(keysInSlot));
        }
        // a snapshot during a reshard changes a few slots: repaint those, not the 400k pixels
        int[] changed = changedSlots(before, paintState());
        if (changed.length > HashSlot.SLOTS / 4) {
            repaint();
        } else if (changed.length > 0) {
            repaintSlots(changed);
        }
    }

    /** Moves the migration stripes one step (called every frame; repaints only the open slots). */
    public void animate() {
        if (hasOpenSlots()) {
            phase = (phase + 1) % (2 * STRIPE);
            repaintSlots(openSlots);
        }
    }

    public boolean hasOpenSlots() {
        return openSlots.length > 0;
    }

    public void setCenterText(String text) {
        centerLabel.setText(text);
    }

    public String centerText() {
        return centerLabel.getText();
    }

    /**
     * The canvas above the slots, the size of the image, for the messages in flight. It is a layer
     * of its own so that a frame in which only they move repaints only them, not the curves,
     * outlines and text of the {@link #nodeLayer()} (about 1 ms a frame in software, measured).
     */
    public Canvas flightLayer() {
        return flightLayer;
    }

    /** The canvas above the flights, the size of the image, for nodes, arcs and marked slots. */
    public Canvas nodeLayer() {
        return nodeLayer;
    }

    /** The image the ring is drawn into (null until the control has been laid out). */
    public Image image() {
        return image;
    }

    /** The image's side in pixels. */
    public int side() {
        return side;
    }

    /** How many times the pixels were repainted (for the frame meter and tests). */
    public long repaints() {
        return repaints;
    }

    /** The pixel (image coordinates) in the middle of {@code slot}: halfway across the ring, or its grid cell. */
    public Point2D pixelOfSlot(int slot) {
        if (layout.get() == Layout.GRID) {
            double cell = side / (double) RingGeometry.GRID;
            return new Point2D(Math.floor((slot % RingGeometry.GRID + 0.5) * cell),
                    Math.floor((slot / RingGeometry.GRID + 0.5) * cell));
        }
        return pointAt(slot, (1 + INNER_RATIO) / 2);
    }

    /** The point at {@code slot}'s angle and {@code radiusFraction} of the outer radius (ring layout). */
    public Point2D pointAt(double slot, double radiusFraction) {
        double center = side / 2.0;
        double radius = outerRadius(side) * radiusFraction;
        double angle = (slot + 0.5) / HashSlot.SLOTS * 2 * Math.PI;
        return new Point2D(Math.floor(center + radius * Math.sin(angle)), Math.floor(center - radius * Math.cos(angle)));
    }

    /** Which slot a pixel of the image shows, or -1 outside the slots. */
    public int slotAtPixel(int x, int y) {
        if (x < 0 || y < 0 || x >= side || y >= side) {
            return -1;
        }
        int value = pixelSlot[y * side + x];
        return value >= 0 ? value : value <= -2 ? -value - 2 : -1;
    }

    private int slotAt(double x, double y) {
        return slotAtPixel((int) Math.floor(x), (int) Math.floor(y));
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
        flightLayer.relocate(x, y);
        nodeLayer.relocate(x, y);
        double labelWidth = side * DENSITY_INNER * 1.2;
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

    static double outerRadius(int side) {
        return RingGeometry.outerRadius(side);
    }

    private void resize(int newSide) {
        side = newSide;
        pixelSlot = layout.get() == Layout.GRID ? gridMap(newSide) : pixelToSlotMap(newSide);
        slotStart = new int[HashSlot.SLOTS + 1];
        slotPixels = pixelsBySlot(pixelSlot, slotStart);
        pixels = ByteBuffer.allocateDirect(newSide * newSide * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
        pixelBuffer = new PixelBuffer<>(newSide, newSide, pixels, PixelFormat.getIntArgbPreInstance());
        image = new WritableImage(pixelBuffer);
        imageView.setImage(image);
        for (Canvas layer : List.of(flightLayer, nodeLayer)) {
            layer.setWidth(newSide);
            layer.setHeight(newSide);
        }
        repaint();
    }

    /**
     * For every pixel of a side x side image, the slot whose angle its centre lies at in the ring,
     * -(slot + 2) in the key-density track inside it, or -1.
     */
    static int[] pixelToSlotMap(int side) {
        int[] map = new int[side * side];
        double center = side / 2.0;
        double outer = outerRadius(side);
        double inner = outer * INNER_RATIO;
        double densityOuter = outer * DENSITY_OUTER;
        double densityInner = outer * DENSITY_INNER;
        for (int y = 0; y < side; y++) {
            double dy = y + 0.5 - center;
            for (int x = 0; x < side; x++) {
                double dx = x + 0.5 - center;
                double r = Math.sqrt(dx * dx + dy * dy);
                int index = y * side + x;
                boolean inRing = r >= inner && r <= outer;
                boolean inTrack = r >= densityInner && r <= densityOuter;
                if (!inRing && !inTrack) {
                    map[index] = -1;
                    continue;
                }
                int slot = RingGeometry.slotAtAngle(dx, dy);
                map[index] = inRing ? slot : -(slot + 2);
            }
        }
        return map;
    }

    /** 128 x 128 cells, slot 0 top left, row by row; a one-pixel gap between cells when they are big enough. */
    static int[] gridMap(int side) {
        int[] map = new int[side * side];
        int grid = RingGeometry.GRID;
        double cell = side / (double) grid;
        boolean gaps = cell >= 4;
        for (int y = 0; y < side; y++) {
            int row = Math.min(grid - 1, (int) (y / cell));
            boolean rowGap = gaps && (int) ((y + 1) / cell) != row && y + 1 < side;
            for (int x = 0; x < side; x++) {
                int column = Math.min(grid - 1, (int) (x / cell));
                boolean columnGap = gaps && (int) ((x + 1) / cell) != column && x + 1 < side;
                map[y * side + x] = rowGap || columnGap ? -1 : row * grid + column;
            }
        }
        return map;
    }

    /** What a pixel's colour depends on, as of one repaint. */
    record Paint(int[] colors, int[] peers, int[] keys, int maxKeys, int width, int phase, int highlight,
                 int selected, int rangeFirst, int rangeCount) {
        /** The colour of pixel {@code i}, whose map value is {@code value} (see {@link #pixelToSlotMap}). */
        int argb(int i, int value) {
            if (value >= 0) {
                // In the range: ((slot - first) mod 16384) < count, one AND and one compare per pixel.
                boolean inRange = ((value - rangeFirst) & (HashSlot.SLOTS - 1)) < rangeCount;
                if (value == highlight || value == selected) {
                    return HIGHLIGHT;
                } else if (peers[value] >= 0 && (((i % width) + (i / width) + phase) / STRIPE) % 2 == 0) {
                    // a moving stripe in the target's colour
                    return inRange ? SlotPalette.selectedArgb(peers[value]) : SlotPalette.argb(peers[value]);
                }
                return inRange ? SlotPalette.selectedArgb(colors[value]) : SlotPalette.argb(colors[value]);
            } else if (value <= -2) {
                return densityArgb(keys[-value - 2], maxKeys);
            }
            return TRANSPARENT;
        }
    }

    private Paint paintState() {
        SlotRange range = selectedRange.get();
        return new Paint(slotColorIndex, peerColorIndex, keysInSlot, maxKeys, side, phase, highlightedSlot.get(),
                selectedSlot.get(), range == null ? 0 : range.first(), range == null ? 0 : range.count());
    }

    /*
     * The per-slot loops below run on the FX thread for every snapshot that changes slots. The first
     * snapshots of a reshard run them before the JIT compiler has: in the interpreter each method call
     * per slot costs, and the first migration snapshot took 17 ms in a stream's max and in the record
     * accessors and colour arithmetic of changedSlots. So: plain loops over local arrays, and the
     * density's colour computed only for slots whose count or scale moved.
     */

    /** The slots whose pixels differ between two paint states that differ only in slot data. */
    static int[] changedSlots(Paint before, Paint after) {
        int[] colorsBefore = before.colors();
        int[] colorsAfter = after.colors();
        int[] peersBefore = before.peers();
        int[] peersAfter = after.peers();
        int[] keysBefore = before.keys();
        int[] keysAfter = after.keys();
        int maxBefore = before.maxKeys();
        int maxAfter = after.maxKeys();
        boolean sameScale = maxBefore == maxAfter;
        int[] out = new int[HashSlot.SLOTS];
        int n = 0;
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            if (colorsBefore[slot] != colorsAfter[slot] || peersBefore[slot] != peersAfter[slot]
                    || (keysBefore[slot] != keysAfter[slot] || !sameScale)
                    && densityArgb(keysBefore[slot], maxBefore) != densityArgb(keysAfter[slot], maxAfter)) {
                out[n++] = slot;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The slots with a migration target (peer colour 0 or more). */
    static int[] openSlots(int[] peerColorPerSlot) {
        int[] out = new int[peerColorPerSlot.length];
        int n = 0;
        for (int slot = 0; slot < peerColorPerSlot.length; slot++) {
            if (peerColorPerSlot[slot] >= 0) {
                out[n++] = slot;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The largest value, 1 for none (a scale that is never zero). */
    static int max(int[] values) {
        int max = values.length == 0 ? 1 : Integer.MIN_VALUE;
        for (int value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    /** Groups the pixels of a map by slot: returns the pixel indices, {@code start} gets each slot's offset. */
    static int[] pixelsBySlot(int[] map, int[] start) {
        int[] count = new int[HashSlot.SLOTS];
        for (int value : map) {
            if (value >= 0) {
                count[value]++;
            } else if (value <= -2) {
                count[-value - 2]++;
            }
        }
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            start[slot + 1] = start[slot] + count[slot];
        }
        int[] next = Arrays.copyOf(start, HashSlot.SLOTS);
        int[] out = new int[start[HashSlot.SLOTS]];
        for (int i = 0; i < map.length; i++) {
            int value = map[i];
            if (value >= 0) {
                out[next[value]++] = i;
            } else if (value <= -2) {
                out[next[-value - 2]++] = i;
            }
        }
        return out;
    }

    /** Paints every pixel. */
    static void paintAll(IntBuffer target, int[] map, Paint paint) {
        for (int i = 0; i < map.length; i++) {
            target.put(i, paint.argb(i, map[i]));
        }
    }

    /** Paints the pixels of {@code slots}; returns the bounding box {minX, minY, maxX, maxY}, or null if none. */
    static int[] paintSlots(IntBuffer target, int[] map, int[] start, int[] pixels, int[] slots, Paint paint) {
        int width = paint.width();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int slot : slots) {
            for (int k = start[slot]; k < start[slot + 1]; k++) {
                int i = pixels[k];
                target.put(i, paint.argb(i, map[i]));
                int x = i % width;
                int y = i / width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    private void repaint() {
        if (pixelBuffer == null) {
            return;
        }
        repaints++;
        Paint paint = paintState();
        int[] map = pixelSlot;
        IntBuffer target = pixels;
        pixelBuffer.updateBuffer(buffer -> {
            paintAll(target, map, paint);
            return null;
        });
    }

    /** Repaints only these slots' pixels, and tells JavaFX only their bounding box changed. */
    private void repaintSlots(int[] slots) {
        if (pixelBuffer == null) {
            return;
        }
        repaints++;
        Paint paint = paintState();
        int[] map = pixelSlot;
        int[] start = slotStart;
        int[] bySlot = slotPixels;
        IntBuffer target = pixels;
        pixelBuffer.updateBuffer(buffer -> {
            int[] box = paintSlots(target, map, start, bySlot, slots, paint);
            // (null would mean the whole image; a ring too small to show these slots changed one pixel at most)
            return box == null ? new javafx.geometry.Rectangle2D(0, 0, 1, 1)
                    : new javafx.geometry.Rectangle2D(box[0], box[1], box[2] - box[0] + 1, box[3] - box[1] + 1);
        });
    }

    /**
     * A pixel of the density track covers about ten slots but shows one: averaging each slot with its
     * neighbours (in keys per slot x 100, to keep the fraction) shows the density instead of noise.
     */
    static int[] smoothed(int[] keys, int halfWindow) {
        int n = keys.length;
        int[] out = new int[n];
        long sum = 0;
        for (int i = -halfWindow; i <= halfWindow; i++) {
            sum += keys[Math.floorMod(i, n)];
        }
        int width = 2 * halfWindow + 1;
        // the slots entering and leaving the window, kept in range by a compare instead of a floorMod per slot
        int entering = Math.floorMod(halfWindow + 1, n);
        int leaving = Math.floorMod(-halfWindow, n);
        for (int slot = 0; slot < n; slot++) {
            out[slot] = (int) (sum * 100 / width);
            sum += keys[entering] - keys[leaving];
            entering = entering + 1 == n ? 0 : entering + 1;
            leaving = leaving + 1 == n ? 0 : leaving + 1;
        }
        return out;
    }

    /**
     * The key count drawn darkest. It moves only when the fullest slot leaves a band around it: with
     * a workload writing, the fullest slot grows all the time, and every change of scale repaints
     * every pixel of the density track instead of the few slots that changed.
     */
    static int densityScale(int current, int fullest) {
        if (fullest > current || fullest < current * 3 / 4) {
            return Math.max(1, fullest + fullest / 8);
        }
        return current;
    }

    /** Light grey for an empty slot to near black for the fullest one. */
    static int densityArgb(int keys, int max) {
        int level = keys == 0 ? 0 : 40 + (int) (200.0 * keys / max);
        int grey = 235 - Math.min(level, 235);
        return 0xFF000000 | (grey << 16) | (grey << 8) | grey;
    }
}
