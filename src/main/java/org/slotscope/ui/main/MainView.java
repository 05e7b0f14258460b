package org.slotscope.ui.main;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.slotscope.ui.actions.ActionsView;
import org.slotscope.ui.console.ConsoleView;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.inspector.InspectorView;
import org.slotscope.ui.playback.PlaybackView;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRingView;
import org.slotscope.ui.sim.BusKind;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.traffic.RingOverlayPainter;
import org.slotscope.ui.traffic.TrafficModel;

/**
 * The window's controller: binds the FXML to the view models and paints the moving layer each frame.
 * A language switch reloads the FXML with new controllers; the view models (and so the state) stay.
 */
public final class MainView {
    public static final String FXML = "/org/slotscope/ui/main/MainView.fxml";
    public static final String REPLICA_ROW = "replica-row";
    public static final String STOPPED_ROW = "stopped-row";
    public static final String FAILING_ROW = "failing-row";
    public static final String FROZEN_ROW = "frozen-row";
    public static final String LEGEND_ENTRY = "legend-entry";
    public static final String LEGEND_SWATCH = "legend-swatch";
    public static final String LEGEND_LABEL = "legend-label";
    private static final double SWATCH_SIZE = 20;

    private final WindowModels models;
    private final MainViewModel viewModel;
    // Strong references: the view models outlive this controller, so they only hold weak listeners.
    private final ListChangeListener<LegendEntry> legendListener = change -> rebuildLegend();
    private final ChangeListener<int[]> slotColorListener = (obs, old, colors) -> showSlots();
    private final ChangeListener<Number> keySlotListener = (obs, old, slot) -> this.ring.highlightedSlotProperty().set(slot.intValue());
    private final ListChangeListener<NodeRow> rowsListener = change -> reselect();

    @FXML
    private BorderPane root;
    @FXML
    private Label headingLabel;
    @FXML
    private ComboBox<Locale> languageBox;
    @FXML
    private SlotRingView ring;
    @FXML
    private ToggleButton ringToggle;
    @FXML
    private ToggleButton gridToggle;
    @FXML
    private CheckBox trafficBox;
    @FXML
    private CheckBox gossipBox;
    @FXML
    private CheckBox failBox;
    @FXML
    private CheckBox failoverBox;
    @FXML
    private Label trafficNoteLabel;
    @FXML
    private Label workloadMetricsLabel;
    @FXML
    private CheckBox frameBox;
    @FXML
    private Label hoverLabel;
    @FXML
    private Label frameLabel;
    @FXML
    private VBox legendBox;
    @FXML
    private TableView<NodeRow> nodeTable;
    @FXML
    private TableColumn<NodeRow, NodeRow> addressColumn;
    @FXML
    private TableColumn<NodeRow, String> idColumn;
    @FXML
    private TableColumn<NodeRow, String> roleColumn;
    @FXML
    private TableColumn<NodeRow, String> stateColumn;
    @FXML
    private TableColumn<NodeRow, Number> slotsColumn;
    @FXML
    private TableColumn<NodeRow, Number> keysColumn;
    @FXML
    private TableColumn<NodeRow, String> epochsColumn;
    @FXML
    private TabPane tabs;
    @FXML
    private ListView<String> eventList;
    @FXML
    private Label statusLabel;
    // nested controllers of the fx:include'd views (FXMLLoader injects them as <fx:id>Controller)
    @FXML
    private ConsoleView consoleController;
    @FXML
    private ActionsView actionsController;
    @FXML
    private PlaybackView playbackController;
    @FXML
    private InspectorView inspectorController;
    private long lastOverlayFrame;
    private static final int STRIPE_EVERY_FRAMES = 4;
    private long frameCount;
    private ClusterSnapshot overlaySnapshot;
    private int overlaySide;
    private SlotRingView.Layout overlayLayout;
    private boolean overlayTraffic;
    private boolean overlayHadFlights;
    private int overlayMarks;

    public MainView(WindowModels models) {
        this.models = models;
        this.viewModel = models.main();
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(viewModel.statusProperty());
        ring.setCenterText(viewModel.bundle().getString("ring.center"));

        languageBox.getItems().setAll(Messages.SUPPORTED);
        languageBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale locale) {
                return locale == null ? "" : Messages.nativeName(locale);
            }

            @Override
            public Locale fromString(String text) {
                return Messages.SUPPORTED.stream().filter(l -> Messages.nativeName(l).equals(text)).findFirst()
                        .orElse(Messages.ENGLISH);
            }
        });
        languageBox.setValue(viewModel.localeProperty().get());
        languageBox.valueProperty().addListener((obs, old, chosen) -> {
            if (chosen != null) {
                viewModel.localeProperty().set(chosen);
            }
        });

        addressColumn.setCellValueFactory(cell(row -> row));
        addressColumn.setCellFactory(column -> new SwatchCell());
        idColumn.setCellValueFactory(cell(NodeRow::shortId));
        roleColumn.setCellValueFactory(cell(NodeRow::roleText));
        stateColumn.setCellValueFactory(cell(NodeRow::stateText));
        slotsColumn.setCellValueFactory(cell(NodeRow::slots));
        keysColumn.setCellValueFactory(cell(NodeRow::keys));
        epochsColumn.setCellValueFactory(cell(NodeRow::epochs));
        nodeTable.setRowFactory(table -> new NodeTableRow());
        nodeTable.setItems(viewModel.nodes());
        nodeTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                actionsController.select(nodeOf(row.id()));
            }
        });
        viewModel.nodes().addListener(new WeakListChangeListener<>(rowsListener));
        reselect();

        ringToggle.setOnAction(e -> ring.layoutProperty().set(SlotRingView.Layout.RING));
        gridToggle.setOnAction(e -> ring.layoutProperty().set(SlotRingView.Layout.GRID));
        bindBusToggle(gossipBox, BusKind.GOSSIP);
        bindBusToggle(failBox, BusKind.FAIL);
        bindBusToggle(failoverBox, BusKind.FAILOVER);
        trafficNoteLabel.textProperty().bind(models.trafficNoteProperty());
        workloadMetricsLabel.textProperty().bind(models.workload().metricsProperty());
        trafficNoteLabel.visibleProperty().bind(models.trafficNoteProperty().isNotEmpty().and(trafficBox.selectedProperty()));
        frameLabel.visibleProperty().bind(frameBox.selectedProperty());
        hoverLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.describeSlot(ring.hoveredSlotProperty().get()), ring.hoveredSlotProperty(),
                viewModel.snapshotProperty()));
        hoverLabel.visibleProperty().bind(ring.hoveredSlotProperty().greaterThanOrEqualTo(0));
        ring.selectedSlotProperty().bindBidirectional(models.inspector().selectedSlotProperty());
        ring.selectedSlotProperty().addListener((obs, old, slot) -> {
            if (slot.intValue() >= 0) {
                tabs.getSelectionModel().select(1); // the inspector says what was clicked
            }
        });
        ring.selectedRangeProperty().bindBidirectional(models.inspector().selectedRangeProperty());
        ring.selectedRangeProperty().addListener((obs, old, range) -> {
            if (range != null) {
                tabs.getSelectionModel().select(1); // and what was dragged over
            }
        });
        models.inspector().keySlotProperty().addListener(new WeakChangeListener<>(keySlotListener));
        ring.highlightedSlotProperty().set(models.inspector().keySlotProperty().get());
        eventList.setItems(models.eventLines());

        viewModel.legend().addListener(new WeakListChangeListener<>(legendListener));
        rebuildLegend();
        viewModel.slotColorsProperty().addListener(new WeakChangeListener<>(slotColorListener));
        showSlots();
    }

    /** A bus toggle shows the session's state (after a language switch too) and changes it. */
    private void bindBusToggle(CheckBox box, BusKind kind) {
        box.setSelected(models.session().busShown(kind));
        box.selectedProperty().addListener((obs, old, shown) -> models.session().setBusShown(kind, shown));
    }

    /** Each frame: stripes of open slots move, nodes and messages are drawn, the frame meter shown. */
    public void paintFrame(long nowNanos) {
        frameCount++;
        if (frameCount % STRIPE_EVERY_FRAMES == 0) {
            ring.animate(); // a whole-image repaint: 15 steps a second move the stripes smoothly enough
        }
        TrafficModel.Visible visible = models.traffic().visible(nowNanos, TrafficModel.DRAW_BUDGET);
        models.noteTraffic(visible, nowNanos);
        var flights = visible.drawn();
        ClusterSnapshot snap = viewModel.snapshotProperty().get();
        boolean showTraffic = trafficBox.isSelected();
        // Repaint the moving layer only when something on it moves or changed: an idle window then
        // costs the renderer nothing.
        boolean moving = showTraffic && !flights.isEmpty();
        int marks = 31 * ring.selectedSlotProperty().get() + ring.highlightedSlotProperty().get();
        if (moving || overlayHadFlights || snap != overlaySnapshot || ring.side() != overlaySide || marks != overlayMarks
                || ring.layoutProperty().get() != overlayLayout || showTraffic != overlayTraffic) {
            RingOverlayPainter.paint(ring, snap, viewModel.colorById(), flights, nowNanos, showTraffic);
            overlaySnapshot = snap;
            overlaySide = ring.side();
            overlayLayout = ring.layoutProperty().get();
            overlayTraffic = showTraffic;
            overlayHadFlights = moving;
            overlayMarks = marks;
        }
        if (frameBox.isSelected() && nowNanos - lastOverlayFrame > 250_000_000L) {
            lastOverlayFrame = nowNanos;
            frameLabel.setText(models.frames().summary());
        }
    }

    public BorderPane root() {
        return root;
    }

    public SlotRingView ring() {
        return ring;
    }

    public TableView<NodeRow> nodeTable() {
        return nodeTable;
    }

    public Label headingLabel() {
        return headingLabel;
    }

    public ComboBox<Locale> languageBox() {
        return languageBox;
    }

    public Label statusLabel() {
        return statusLabel;
    }

    public TabPane tabs() {
        return tabs;
    }

    public CheckBox frameBox() {
        return frameBox;
    }

    public Label frameLabel() {
        return frameLabel;
    }

    public Label hoverLabel() {
        return hoverLabel;
    }

    public ConsoleView console() {
        return consoleController;
    }

    public PlaybackView playback() {
        return playbackController;
    }

    private NodeSnapshot nodeOf(String id) {
        ClusterSnapshot snap = viewModel.snapshotProperty().get();
        if (snap == null) {
            return null;
        }
        int index = snap.indexOf(id);
        return index < 0 ? null : snap.nodes().get(index);
    }

    /** After the rows are rebuilt, keep the selected node selected (by id). */
    private void reselect() {
        NodeSnapshot selected = models.actions().selectedNodeProperty().get();
        if (selected == null) {
            return;
        }
        for (int i = 0; i < viewModel.nodes().size(); i++) {
            if (viewModel.nodes().get(i).id().equals(selected.id())) {
                if (nodeTable.getSelectionModel().getSelectedIndex() != i) {
                    nodeTable.getSelectionModel().select(i);
                }
                return;
            }
        }
    }

    private static <T> javafx.util.Callback<TableColumn.CellDataFeatures<NodeRow, T>,
            javafx.beans.value.ObservableValue<T>> cell(Function<NodeRow, T> getter) {
        return features -> new ReadOnlyObjectWrapper<>(getter.apply(features.getValue()));
    }

    private void showSlots() {
        int[] colors = viewModel.slotColorsProperty().get();
        if (colors != null) {
            ClusterSnapshot snap = viewModel.snapshotProperty().get();
            ring.setSlots(colors, viewModel.slotPeerColorsProperty().get(), snap == null ? null : snap.keysInSlot());
        }
    }

    private void rebuildLegend() {
        legendBox.getChildren().clear();
        for (LegendEntry entry : viewModel.legend()) {
            Rectangle swatch = new Rectangle(SWATCH_SIZE, SWATCH_SIZE, SlotPalette.color(entry.colorIndex()));
            swatch.getStyleClass().add(LEGEND_SWATCH);
            Label label = new Label(entry.label());
            label.getStyleClass().add(LEGEND_LABEL);
            HBox line = new HBox(swatch, label, new Label(entry.detail()));
            line.getStyleClass().add(LEGEND_ENTRY);
            legendBox.getChildren().add(line);
        }
    }

    /** The address with a swatch: filled in the master's colour, an outline of it for a replica. */
    private static final class SwatchCell extends TableCell<NodeRow, NodeRow> {
        private final Rectangle swatch = new Rectangle(16, 16);

        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            javafx.scene.paint.Color color = SlotPalette.color(row.colorIndex());
            swatch.setFill(row.isMaster() ? color : javafx.scene.paint.Color.TRANSPARENT);
            swatch.setStroke(row.isMaster() ? javafx.scene.paint.Color.web("#111111") : color);
            swatch.setStrokeWidth(row.isMaster() ? 1 : 3);
            setText(row.address());
            setGraphic(swatch);
        }
    }

    private static final class NodeTableRow extends TableRow<NodeRow> {
        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(REPLICA_ROW, STOPPED_ROW, FAILING_ROW, FROZEN_ROW);
            if (!empty && row != null) {
                if (!row.isMaster()) {
                    getStyleClass().add(REPLICA_ROW);
                }
                if (!row.running()) {
                    getStyleClass().add(STOPPED_ROW);
                }
                if (row.health() != NodeSnapshot.Health.OK) {
                    getStyleClass().add(FAILING_ROW);
                }
                if (row.frozen()) {
                    getStyleClass().add(FROZEN_ROW);
                }
            }
        }
    }
}
