package org.slotscope.ui.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRingView;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * Draws what lies above the ring, on two layers. The node layer: nodes inside the ring (masters
 * filled in their colour, replicas outlined, fail? / fail / crashed / frozen marked with a symbol and
 * a word), an arc from source to target for every pair with open slots, and ticks for open and
 * marked slots. The flight layer, under it: the messages in flight and their labels. The node layer
 * changes with a snapshot or a selection, the flight layer in every frame that messages move, and
 * each is repainted only when it changes (measured: in the 12-node scenario with the workload,
 * repainting the nodes, arcs and ticks in every frame with the messages cost the software renderer
 * about 1 ms a frame, median). A few dozen shapes per frame, never one per slot, and one path per
 * kind of message, never one shape per message.
 */
public final class RingOverlayPainter {
    static final double NODE_RADIUS = 17;
    private static final Font LABEL = Font.font("System", FontWeight.BOLD, 15);
    private static final Font FLIGHT_LABEL = Font.font("System", FontWeight.BOLD, 16);

    private RingOverlayPainter() {
    }

    /** The colour of a kind of message: distinct hues plus the label, so colour is never the only cue. */
    public static Color colorOf(Flight.Kind kind) {
        return switch (kind) {
            case REQUEST -> Color.web("#222222");
            case MOVED -> Color.web("#D55E00");
            case ASK -> Color.web("#CC79A7");
            case TRYAGAIN -> Color.web("#B8860B");
            case ERROR -> Color.web("#C00000");
            case KEYS -> Color.web("#0072B2");
            case GOSSIP -> Color.web("#888888");
            case FAIL -> Color.web("#7A0000");
            case FAILOVER -> Color.web("#5E3C99");
        };
    }

    /**
     * The node layer: open-slot ticks, the selected and highlighted slots, migration arcs and the
     * nodes. Messages fly under it, so a node stays readable under a stream of requests.
     */
    public static void paintNodes(SlotRingView ring, ClusterSnapshot snapshot, Map<String, Integer> colorById) {
        GraphicsContext g = cleared(ring.nodeLayer());
        if (!drawable(ring, snapshot)) {
            return;
        }
        Map<String, NodePlacement.Spot> spots = spotsOf(snapshot);
        drawOpenSlots(g, ring, snapshot, colorById);
        drawMarkedSlot(g, ring, ring.selectedSlotProperty().get());
        drawMarkedSlot(g, ring, ring.highlightedSlotProperty().get());
        drawMigrationArcs(g, ring, snapshot, spots, colorById);
        for (NodeSnapshot node : snapshot.nodes()) {
            NodePlacement.Spot spot = spots.get(node.id());
            if (spot != null) {
                drawNode(g, ring.pointAt(spot.angleInSlots(), spot.radius()), node,
                        colorById.getOrDefault(node.isMaster() ? node.id() : node.masterId(), -1));
            }
        }
    }

    /** The flight layer: the messages in flight between the snapshot's nodes, and the newest labels above them. */
    public static void paintFlights(SlotRingView ring, ClusterSnapshot snapshot, List<Flight> flights, long nowNanos) {
        GraphicsContext g = cleared(ring.flightLayer());
        if (!drawable(ring, snapshot)) {
            return;
        }
        FlightPositions positions = drawFlights(g, ring, spotsOf(snapshot),
                new Point2D(ring.side() / 2.0, ring.side() / 2.0), flights, nowNanos);
        if (positions != null) {
            drawLabels(g, flights, positions);
        }
    }

    private static GraphicsContext cleared(Canvas layer) {
        GraphicsContext g = layer.getGraphicsContext2D();
        g.clearRect(0, 0, layer.getWidth(), layer.getHeight());
        return g;
    }

    /** Both layers draw only over the ring (the grid has no room for nodes) and once there is a cluster. */
    private static boolean drawable(SlotRingView ring, ClusterSnapshot snapshot) {
        return snapshot != null && ring.side() > 0 && ring.layoutProperty().get() == SlotRingView.Layout.RING;
    }

    /** Where the snapshot's nodes sit: placing them scans every slot, so once per snapshot. */
    private static Map<String, NodePlacement.Spot> spotsOf(ClusterSnapshot snapshot) {
        if (snapshot != placedFor) {
            placedFor = snapshot;
            placed = NodePlacement.place(snapshot);
        }
        return placed;
    }

    /** Where the flights of this frame are drawn, for their labels. */
    private record FlightPositions(double[] xs, double[] ys, boolean[] placed, int count) {
    }

    /** Flights bend through their slot's point at this fraction of the ring's radius. */
    static final double CONTROL_RADIUS = 0.58;
    private static final double[] CONTROL_X = new double[org.slotscope.engine.slot.HashSlot.SLOTS];
    private static final double[] CONTROL_Y = new double[org.slotscope.engine.slot.HashSlot.SLOTS];
    private static int controlSide = -1;
    /** Reused from frame to frame (the FX thread paints; a frame's garbage is a GC pause's share). */
    private static double[] xsBuffer = new double[0];
    private static double[] ysBuffer = new double[0];
    private static boolean[] placedBuffer = new boolean[0];

    /** The placement of the last snapshot painted (see {@link #spotsOf}). */
    private static ClusterSnapshot placedFor;
    private static Map<String, NodePlacement.Spot> placed = Map.of();

    /** At most this many open slots get a tick; more are already visible as stripes. */
    static final int MAX_TICKS = 64;

    /**
     * One slot is 1/16384 of the ring, far thinner than a pixel: an open slot gets a tick across the
     * ring in its target's colour, outlined, so a slot-by-slot reshard can be followed.
     */
    private static void drawOpenSlots(GraphicsContext g, SlotRingView ring, ClusterSnapshot snapshot,
                                      Map<String, Integer> colorById) {
        int drawn = 0;
        g.setLineCap(StrokeLineCap.BUTT);
        for (int slot = 0; slot < snapshot.slotCount() && drawn < MAX_TICKS; slot++) {
            int to = snapshot.migratingToOf(slot);
            int from = snapshot.importingFromOf(slot);
            if (to < 0 && from < 0) {
                continue;
            }
            drawn++;
            int peer = to >= 0 ? to : snapshot.ownerOf(slot);
            Point2D inner = ring.pointAt(slot, SlotRingView.INNER_RATIO - 0.03);
            Point2D outer = ring.pointAt(slot, 1.0);
            g.setStroke(Color.web("#111111"));
            g.setLineWidth(11);
            g.strokeLine(inner.getX(), inner.getY(), outer.getX(), outer.getY());
            g.setStroke(peer < 0 ? Color.WHITE
                    : SlotPalette.color(colorById.getOrDefault(snapshot.nodes().get(peer).id(), -1)));
            g.setLineWidth(6);
            g.strokeLine(inner.getX(), inner.getY(), outer.getX(), outer.getY());
        }
    }

    /** The selected slot and the inspector's key: a black tick, since one slot is thinner than a pixel. */
    private static void drawMarkedSlot(GraphicsContext g, SlotRingView ring, int slot) {
        if (slot < 0) {
            return;
        }
        Point2D inner = ring.pointAt(slot, SlotRingView.INNER_RATIO - 0.05);
        Point2D outer = ring.pointAt(slot, 1.0);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setStroke(Color.WHITE);
        g.setLineWidth(9);
        g.strokeLine(inner.getX(), inner.getY(), outer.getX(), outer.getY());
        g.setStroke(Color.BLACK);
        g.setLineWidth(5);
        g.strokeLine(inner.getX(), inner.getY(), outer.getX(), outer.getY());
    }

    private static void drawMigrationArcs(GraphicsContext g, SlotRingView ring, ClusterSnapshot snapshot,
                                          Map<String, NodePlacement.Spot> spots, Map<String, Integer> colorById) {
        int count = snapshot.nodes().size();
        boolean[][] pairs = new boolean[count][count];
        for (int slot = 0; slot < snapshot.slotCount(); slot++) {
            int to = snapshot.migratingToOf(slot);
            int from = snapshot.ownerOf(slot);
            if (to >= 0 && from >= 0 && to < count && from < count) {
                pairs[from][to] = true;
            }
        }
        g.setLineCap(StrokeLineCap.ROUND);
        for (int from = 0; from < count; from++) {
            for (int to = 0; to < count; to++) {
                if (!pairs[from][to]) {
                    continue;
                }
                NodePlacement.Spot a = spots.get(snapshot.nodes().get(from).id());
                NodePlacement.Spot b = spots.get(snapshot.nodes().get(to).id());
                if (a == null || b == null) {
                    continue;
                }
                Point2D p = ring.pointAt(a.angleInSlots(), a.radius());
                Point2D q = ring.pointAt(b.angleInSlots(), b.radius());
                Point2D c = new Point2D(ring.side() / 2.0, ring.side() / 2.0);
                g.setStroke(SlotPalette.color(colorById.getOrDefault(snapshot.nodes().get(to).id(), -1)));
                g.setLineWidth(6);
                g.beginPath();
                g.moveTo(p.getX(), p.getY());
                g.quadraticCurveTo(c.getX(), c.getY(), q.getX(), q.getY());
                g.stroke();
                // an arrow head at the target end
                double angle = Math.atan2(q.getY() - c.getY(), q.getX() - c.getX());
                double size = 14;
                Point2D tip = new Point2D(q.getX() - Math.cos(angle) * NODE_RADIUS, q.getY() - Math.sin(angle) * NODE_RADIUS);
                g.setFill(g.getStroke());
                g.fillPolygon(new double[] {tip.getX(), tip.getX() - size * Math.cos(angle - 0.5),
                        tip.getX() - size * Math.cos(angle + 0.5)}, new double[] {tip.getY(),
                        tip.getY() - size * Math.sin(angle - 0.5), tip.getY() - size * Math.sin(angle + 0.5)}, 3);
            }
        }
    }

    private static void drawNode(GraphicsContext g, Point2D at, NodeSnapshot node, int colorIndex) {
        Color color = SlotPalette.color(colorIndex);
        double r = node.isMaster() ? NODE_RADIUS : NODE_RADIUS * 0.75;
        Color inside = !node.running() ? Color.web("#9e9e9e") : node.isMaster() ? color : Color.WHITE;
        if (node.health() == NodeSnapshot.Health.PFAIL) {
            g.setFill(inside);
            g.fillOval(at.getX() - r, at.getY() - r, 2 * r, 2 * r);
            g.setLineDashes(5, 4);
            g.setStroke(Color.web("#D55E00"));
            g.setLineWidth(4);
            g.strokeOval(at.getX() - r, at.getY() - r, 2 * r, 2 * r);
            g.setLineDashes((double[]) null);
        } else {
            // The outline as two filled discs, the outline's colour under the inside's: the same
            // pixels as a stroked circle, and stroking curves was a fifth of the renderer's samples
            // (every node is drawn again in every frame that messages move).
            double half = (node.isMaster() ? 2 : 4) / 2.0;
            g.setFill(node.isMaster() ? Color.web("#111111") : color);
            g.fillOval(at.getX() - r - half, at.getY() - r - half, 2 * (r + half), 2 * (r + half));
            g.setFill(inside);
            g.fillOval(at.getX() - r + half, at.getY() - r + half, 2 * (r - half), 2 * (r - half));
        }
        if (node.frozen()) {
            g.setStroke(Color.web("#56B4E9"));
            g.setLineWidth(4);
            g.strokeOval(at.getX() - r - 5, at.getY() - r - 5, 2 * r + 10, 2 * r + 10);
        }
        String mark = !node.running() || node.health() == NodeSnapshot.Health.FAIL ? "\u2715"
                : node.health() == NodeSnapshot.Health.PFAIL ? "?" : node.frozen() ? "\u2744" : null;
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        if (mark != null) {
            g.setFill(node.running() ? Color.web("#C00000") : Color.web("#111111"));
            g.setFont(FLIGHT_LABEL);
            g.fillText(mark, at.getX(), at.getY());
        }
        g.setFont(LABEL);
        g.setFill(Color.web("#111111"));
        String port = node.port();
        g.fillText(port, at.getX(), at.getY() + r + 11);
    }

    /**
     * Labels drawn per frame at most (the newest, and none over another): each is a text layout for
     * the renderer, and a pile of overlapping labels reads as nothing.
     */
    static final int MAX_LABELS = 8;
    /** Above this many dots, requests are drawn smaller so a busy workload does not cover the ring. */
    static final int MANY_DOTS = 300;
    /** Back to big dots below this many: between the two the size stays, so it does not flicker. */
    static final int FEW_DOTS = 200;
    private static boolean smallDots;

    /**
     * Draws the flights, at most {@link TrafficModel#DRAW_BUDGET}, kind by kind. While few fly, each
     * kind is one path of dots filled once. When many fly, the unlabelled kinds (requests, MIGRATE
     * batches, gossip) are squares, each one rectangle fill, which the renderer fills span by span:
     * a path of hundreds of curves through the edge-sorting rasteriser was half of its samples. The
     * labelled answers (MOVED, ASK, ...) stay round. Returns where each flight was drawn, for the labels.
     */
    private static FlightPositions drawFlights(GraphicsContext g, SlotRingView ring,
                                               Map<String, NodePlacement.Spot> spots, Point2D client,
                                               List<Flight> flights, long nowNanos) {
        int n = flights.size();
        if (n == 0) {
            return null;
        }
        Map<String, Point2D> points = new HashMap<>();
        spots.forEach((id, spot) -> points.put(id, ring.pointAt(spot.angleInSlots(), spot.radius())));
        if (xsBuffer.length < n) {
            xsBuffer = new double[Math.max(n, 2 * xsBuffer.length)];
            ysBuffer = new double[xsBuffer.length];
            placedBuffer = new boolean[xsBuffer.length];
        }
        double[] xs = xsBuffer;
        double[] ys = ysBuffer;
        boolean[] placed = placedBuffer;
        java.util.Arrays.fill(placed, 0, n, false);
        int[] perKind = new int[Flight.Kind.values().length];
        smallDots = smallDots ? n >= FEW_DOTS : n > MANY_DOTS;
        if (controlSide != ring.side()) {
            // where each slot's flights bend: one point per slot, once per ring size, not one per flight and frame
            controlSide = ring.side();
            for (int slot = 0; slot < CONTROL_X.length; slot++) {
                Point2D p = ring.pointAt(slot, CONTROL_RADIUS);
                CONTROL_X[slot] = p.getX();
                CONTROL_Y[slot] = p.getY();
            }
        }
        for (int i = 0; i < n; i++) {
            Flight flight = flights.get(i);
            Point2D from = flight.from() == null ? client : points.get(flight.from());
            Point2D to = flight.to() == null ? client : points.get(flight.to());
            if (from == null || to == null || nowNanos < flight.startNanos()) {
                continue;
            }
            boolean alongSlot = flight.slot() >= 0 && flight.slot() < CONTROL_X.length;
            double cx = alongSlot ? CONTROL_X[flight.slot()] : client.getX();
            double cy = alongSlot ? CONTROL_Y[flight.slot()] : client.getY();
            double t = flight.progress(nowNanos);
            xs[i] = (1 - t) * (1 - t) * from.getX() + 2 * (1 - t) * t * cx + t * t * to.getX();
            ys[i] = (1 - t) * (1 - t) * from.getY() + 2 * (1 - t) * t * cy + t * t * to.getY();
            placed[i] = true;
            perKind[flight.kind().ordinal()]++;
        }
        for (Flight.Kind kind : Flight.Kind.values()) {
            if (perKind[kind.ordinal()] == 0) {
                continue;
            }
            double r = radiusOf(kind, smallDots);
            boolean squares = smallDots && !Flight.LABELLED.contains(kind);
            Color color = colorOf(kind);
            g.setFill(squares && kind == Flight.Kind.REQUEST ? color.deriveColor(0, 1, 1, 0.45) : color);
            if (squares) {
                for (int i = 0; i < n; i++) {
                    if (placed[i] && flights.get(i).kind() == kind) {
                        g.fillRect(xs[i] - r, ys[i] - r, 2 * r, 2 * r);
                    }
                }
                continue;
            }
            g.beginPath();
            for (int i = 0; i < n; i++) {
                if (placed[i] && flights.get(i).kind() == kind) {
                    g.moveTo(xs[i] + r, ys[i]);
                    g.arc(xs[i], ys[i], r, r, 0, 360);
                    g.closePath();
                }
            }
            g.fill();
        }
        return new FlightPositions(xs, ys, placed, n);
    }

    private static void drawLabels(GraphicsContext g, List<Flight> flights, FlightPositions at) {
        g.setFont(FLIGHT_LABEL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        List<double[]> taken = new java.util.ArrayList<>();
        for (int i = at.count() - 1; i >= 0 && taken.size() < MAX_LABELS; i--) {
            Flight flight = flights.get(i);
            if (!at.placed()[i] || !flight.labelled()) {
                continue;
            }
            double x = at.xs()[i] + radiusOf(flight.kind(), smallDots) + 4;
            double y = at.ys()[i];
            // a rough box (no text measuring: that is a layout per label): 9 px a character, 20 px high
            double[] box = {x, y - 10, x + 9 * flight.label().length(), y + 10};
            boolean overlaps = false;
            for (double[] other : taken) {
                if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            taken.add(box);
            g.setFill(Color.WHITE);
            g.fillText(flight.label(), x + 1, y + 1);
            g.setFill(colorOf(flight.kind()));
            g.fillText(flight.label(), x, y);
        }
    }

    static double radiusOf(Flight.Kind kind, boolean small) {
        return switch (kind) {
            case REQUEST -> small ? 3.5 : 7;
            case KEYS -> small ? 6 : 8;
            case GOSSIP, FAIL, FAILOVER -> 4;
            default -> 8;
        };
    }
}
