package org.slotscope.ui.main;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotPalette;
import org.slotscope.ui.ring.SlotRingView;

/**
 * The first window's controller: binds the FXML to a {@link MainViewModel} and does nothing else.
 * A language switch reloads the FXML with a new controller; the view model (and so the state) stays.
 */
public final class MainView {
    public static final String FXML = "/org/slotscope/ui/main/MainView.fxml";
    public static final String REPLICA_ROW = "replica-row";
    public static final String STOPPED_ROW = "stopped-row";
    public static final String LEGEND_ENTRY = "legend-entry";
    public static final String LEGEND_SWATCH = "legend-swatch";
    public static final String LEGEND_LABEL = "legend-label";
    private static final double SWATCH_SIZE = 22;

    private final MainViewModel viewModel;
    // Strong references: the view model outlives this controller, so it only holds weak listeners.
    private final ListChangeListener<LegendEntry> legendListener = change -> rebuildLegend();
    private final ChangeListener<int[]> slotColorListener = (obs, old, colors) -> showSlots(colors);

    @FXML
    private BorderPane root;
    @FXML
    private Label headingLabel;
    @FXML
    private ComboBox<Locale> languageBox;
    @FXML
    private SlotRingView ring;
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
    private TableColumn<NodeRow, Number> slotsColumn;
    @FXML
    private TableColumn<NodeRow, Number> keysColumn;
    @FXML
    private TableColumn<NodeRow, String> epochsColumn;
    @FXML
    private Label statusLabel;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
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
        slotsColumn.setCellValueFactory(cell(NodeRow::slots));
        keysColumn.setCellValueFactory(cell(NodeRow::keys));
        epochsColumn.setCellValueFactory(cell(NodeRow::epochs));
        nodeTable.setRowFactory(table -> new NodeTableRow());
        nodeTable.setItems(viewModel.nodes());

        viewModel.legend().addListener(new WeakListChangeListener<>(legendListener));
        rebuildLegend();
        viewModel.slotColorsProperty().addListener(new WeakChangeListener<>(slotColorListener));
        showSlots(viewModel.slotColorsProperty().get());
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

    private static <T> javafx.util.Callback<TableColumn.CellDataFeatures<NodeRow, T>,
            javafx.beans.value.ObservableValue<T>> cell(Function<NodeRow, T> getter) {
        return features -> new ReadOnlyObjectWrapper<>(getter.apply(features.getValue()));
    }

    private void showSlots(int[] colors) {
        if (colors != null) {
            ring.setSlotColors(colors);
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
            getStyleClass().removeAll(REPLICA_ROW, STOPPED_ROW);
            if (!empty && row != null) {
                if (!row.isMaster()) {
                    getStyleClass().add(REPLICA_ROW);
                }
                if (!row.running()) {
                    getStyleClass().add(STOPPED_ROW);
                }
            }
        }
    }
}
