package org.slotscope.ui.main;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.slotscope.ui.actions.ActionsView;
import org.slotscope.ui.console.ConsoleView;
import org.slotscope.ui.i18n.ChineseFont;
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
    // What the table and the legend show: lines that take new counts in place (see LiveRow).
    private final ObservableList<LiveRow<NodeRow>> nodeLines = FXCollections.observableArrayList();
    private final ObservableList<LiveRow<LegendEntry>> legendLines = FXCollections.observableArrayList();
    // Strong references: the view models outlive this controller, so they only hold weak listeners.
    private final ListChangeListener<LegendEntry> legendListener = change -> showLegend();
    private final ChangeListener<int[]> slotColorListener = (obs, old, colors) -> showSlots();
    private final ChangeListener<Number> keySlotListener = (obs, old, slot) -> this.ring.highlightedSlotProperty().set(slot.intValue());
    private final ListChangeListener<NodeRow> rowsListener = change -> showRows();

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
    /**
     * A transparent pixel whose opacity changes every frame while the frame meter shows, so that every
     * pulse renders a frame and each rendered frame can be paired with the pulse it came from.
     */
    private final Region frameTick = new Region();
    @FXML
    private VBox legendBox;
    @FXML
    private TableView<LiveRow<NodeRow>> nodeTable;
    @FXML
    private TableColumn<LiveRow<NodeRow>, NodeRow> addressColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, String> idColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, String> roleColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, String> stateColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, Number> slotsColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, Number> keysColumn;
    @FXML
    private TableColumn<LiveRow<NodeRow>, String> epochsColumn;
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
    private int layersSide;
    private SlotRingView.Layout layersLayout;
    private ClusterSnapshot nodeLayerSnapshot;
    private int nodeLayerMarks;
    private boolean flightLayerTraffic;
    private boolean flightLayerHadFlights;

    public MainView(WindowModels models) {
        this.models = models;
        this.viewModel = models.main();
    }

    @FXML
    private void initialize() {
        deferHiddenTabs();
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
        // In an English window "简体中文" is the one Chinese text: drawn in the Chinese font, chosen when
        // the list first opens (the combo box makes and measures its cells at start-up, and an English
        // launch should not look fonts up); new cells then pick the font up.
        languageBox.setCellFactory(list -> new LanguageCell());
        languageBox.setOnShowing(e -> {
            if (!ChineseFont.decided()) {
                ChineseFont.family();
                languageBox.setCellFactory(list -> new LanguageCell());
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
        nodeTable.setItems(nodeLines);
        nodeTable.getSelectionModel().selectedItemProperty().addListener((obs, old, line) -> {
            if (line != null) {
                actionsController.select(nodeOf(line.get().id()));
            }
        });
        viewModel.nodes().addListener(new WeakListChangeListener<>(rowsListener));
        showRows();

        ringToggle.setOnAction(e -> ring.layoutProperty().set(SlotRingView.Layout.RING));
        gridToggle.setOnAction(e -> ring.layoutProperty().set(SlotRingView.Layout.GRID));
        bindBusToggle(gossipBox, BusKind.GOSSIP);
        bindBusToggle(failBox, BusKind.FAIL);
        bindBusToggle(failoverBox, BusKind.FAILOVER);
        trafficNoteLabel.textProperty().bind(models.trafficNoteProperty());
        workloadMetricsLabel.textProperty().bind(models.workload().metricsProperty());
        trafficNoteLabel.visibleProperty().bind(models.trafficNoteProperty().isNotEmpty().and(trafficBox.selectedProperty()));
        frameLabel.visibleProperty().bind(frameBox.selectedProperty());
        frameTick.setManaged(false);
        frameTick.setMouseTransparent(true);
        frameTick.resizeRelocate(0, 0, 1, 1);
        ((Pane) frameLabel.getParent()).getChildren().add(frameTick);
        models.frames().measureFrameTimes(frameBox.isSelected());
        frameBox.selectedProperty().addListener((obs, old, shown) -> models.frames().measureFrameTimes(shown));
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
        legendLines.addListener((ListChangeListener<LiveRow<LegendEntry>>) change -> rebuildLegend());
        showLegend();
        viewModel.slotColorsProperty().addListener(new WeakChangeListener<>(slotColorListener));
        showSlots();
    }

    /**
     * The tabs not shown at first (the inspector, the events) join the scene when first selected:
     * their controllers and bindings exist from the start, but their CSS, skins and layout, the
     * first pass of which runs cold, are left out of the launch. Measured, six launches each taking
     * turns on a slow machine: usable after a median of 2.54 s against 2.68 s.
     */
    private void deferHiddenTabs() {
        for (Tab tab : tabs.getTabs()) {
            if (!tab.isSelected()) {
                Node content = tab.getContent();
                tab.setContent(null);
                tab.selectedProperty().addListener((obs, was, selected) -> {
                    if (selected && tab.getContent() == null) {
                        tab.setContent(content);
                    }
                });
            }
        }
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
        // Repaint a layer only when something on it moves or changed: an idle window then costs the
        // renderer nothing, and a frame in which only messages move does not repaint the nodes.
        int marks = 31 * ring.selectedSlotProperty().get() + ring.highlightedSlotProperty().get();
        boolean resized = ring.side() != layersSide || ring.layoutProperty().get() != layersLayout;
        if (resized || snap != nodeLayerSnapshot || marks != nodeLayerMarks) {
            RingOverlayPainter.paintNodes(ring, snap, viewModel.colorById());
            nodeLayerSnapshot = snap;
            nodeLayerMarks = marks;
        }
        boolean moving = showTraffic && !flights.isEmpty();
        if (moving || flightLayerHadFlights || resized || showTraffic != flightLayerTraffic) {
            RingOverlayPainter.paintFlights(ring, snap, showTraffic ? flights : List.of(), nowNanos);
            flightLayerTraffic = showTraffic;
            flightLayerHadFlights = moving;
        }
        layersSide = ring.side();
        layersLayout = ring.layoutProperty().get();
        if (frameBox.isSelected()) {
            frameTick.setOpacity(frameTick.getOpacity() == 1 ? 0.99 : 1);
            if (nowNanos - lastOverlayFrame > 250_000_000L) {
                lastOverlayFrame = nowNanos;
                frameLabel.setText(String.join("\n", models.frames().lines()));
            }
        }
    }

    public BorderPane root() {
        return root;
    }

    public SlotRingView ring() {
        return ring;
    }

    public TableView<LiveRow<NodeRow>> nodeTable() {
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

    /** The table takes the view model's rows: a node's counts change in its row, in place. */
    private void showRows() {
        LiveRow.mirror(viewModel.nodes(), nodeLines, (shown, next) -> shown.id().equals(next.id()));
        reselect();
    }

    /** The legend takes the view model's entries in place; only a new number of masters rebuilds it. */
    private void showLegend() {
        LiveRow.mirror(viewModel.legend(), legendLines, (shown, next) -> true);
    }

    /** After the rows are rebuilt, keep the selected node selected (by id). */
    private void reselect() {
        NodeSnapshot selected = models.actions().selectedNodeProperty().get();
        if (selected == null) {
            return;
        }
        for (int i = 0; i < nodeLines.size(); i++) {
            if (nodeLines.get(i).get().id().equals(selected.id())) {
                if (nodeTable.getSelectionModel().getSelectedIndex() != i) {
                    nodeTable.getSelectionModel().select(i);
                }
                return;
            }
        }
    }

    private static <T> javafx.util.Callback<TableColumn.CellDataFeatures<LiveRow<NodeRow>, T>,
            javafx.beans.value.ObservableValue<T>> cell(Function<NodeRow, T> getter) {
        return features -> features.getValue().part(getter);
    }

    private void showSlots() {
        int[] colors = viewModel.slotColorsProperty().get();
        if (colors != null) {
            ClusterSnapshot snap = viewModel.snapshotProperty().get();
            ring.setSlots(colors, viewModel.slotPeerColorsProperty().get(), snap == null ? null : snap.keysInSlot());
        }
    }

    /** New legend nodes only when the lines themselves change; new ranges and counts arrive through the bindings. */
    private void rebuildLegend() {
        legendBox.getChildren().clear();
        for (LiveRow<LegendEntry> entry : legendLines) {
            Rectangle swatch = new Rectangle(SWATCH_SIZE, SWATCH_SIZE);
            swatch.fillProperty().bind(entry.part(e -> SlotPalette.color(e.colorIndex())));
            swatch.getStyleClass().add(LEGEND_SWATCH);
            Label label = new Label();
            label.textProperty().bind(entry.part(LegendEntry::label));
            label.getStyleClass().add(LEGEND_LABEL);
            Label detail = new Label();
            detail.textProperty().bind(entry.part(LegendEntry::detail));
            HBox line = new HBox(swatch, label, detail);
            line.getStyleClass().add(LEGEND_ENTRY);
            legendBox.getChildren().add(line);
        }
    }

    /** The address with a swatch: filled in the master's colour, an outline of it for a replica. */
    private static final class SwatchCell extends TableCell<LiveRow<NodeRow>, NodeRow> {
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

    /** A row styled by its node's role and state; it follows its line, and touches its style classes only on a change. */
    private static final class NodeTableRow extends TableRow<LiveRow<NodeRow>> {
        private final ChangeListener<NodeRow> restyle = (obs, old, row) -> style(row);
        private LiveRow<NodeRow> watched;

        @Override
        protected void updateItem(LiveRow<NodeRow> line, boolean empty) {
            super.updateItem(line, empty);
            LiveRow<NodeRow> now = empty ? null : line;
            if (watched != now) {
                if (watched != null) {
                    watched.valueProperty().removeListener(restyle);
                }
                watched = now;
                if (now != null) {
                    now.valueProperty().addListener(restyle);
                }
            }
            style(now == null ? null : now.get());
        }

        private void style(NodeRow row) {
            boolean shown = row != null;
            styleIf(REPLICA_ROW, shown && !row.isMaster());
            styleIf(STOPPED_ROW, shown && !row.running());
            styleIf(FAILING_ROW, shown && row.health() != NodeSnapshot.Health.OK);
            styleIf(FROZEN_ROW, shown && row.frozen());
        }

        // A style class added or removed restyles the row and its cells, so only when it changes.
        private void styleIf(String styleClass, boolean wanted) {
            if (wanted != getStyleClass().contains(styleClass)) {
                if (wanted) {
                    getStyleClass().add(styleClass);
                } else {
                    getStyleClass().remove(styleClass);
                }
            }
        }
    }

    /** A language in its own words, Chinese in the Chinese font once that is chosen. */
    private static final class LanguageCell extends ListCell<Locale> {
        @Override
        protected void updateItem(Locale locale, boolean empty) {
            super.updateItem(locale, empty);
            setText(empty || locale == null ? null : Messages.nativeName(locale));
            setStyle(Messages.SIMPLIFIED_CHINESE.equals(locale) && ChineseFont.decided() ? ChineseFont.style() : "");
        }
    }
}
