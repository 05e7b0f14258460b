package org.slotscope.ui.workload;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.slotscope.workload.KeyDistribution;

/** The client workload's row: binds the FXML to a {@link WorkloadViewModel}. */
public final class WorkloadView {
    public static final String FXML = "/org/slotscope/ui/workload/WorkloadView.fxml";

    private final WorkloadViewModel viewModel;
    private final ResourceBundle texts;
    @FXML
    private VBox root;
    @FXML
    private TextField rateField;
    @FXML
    private ComboBox<Integer> readsBox;
    @FXML
    private ComboBox<KeyDistribution> keysBox;
    @FXML
    private Button startButton;
    @FXML
    private Button stopButton;
    @FXML
    private Label messageLabel;

    public WorkloadView(WorkloadViewModel viewModel, ResourceBundle texts) {
        this.viewModel = viewModel;
        this.texts = texts;
    }

    @FXML
    private void initialize() {
        rateField.textProperty().bindBidirectional(viewModel.rateProperty());
        choices(readsBox, WorkloadViewModel.READ_PERCENTS, viewModel::readsText,
                viewModel.readPercentProperty());
        choices(keysBox, java.util.List.of(KeyDistribution.values()), viewModel::keysText, viewModel.keysProperty());
        startButton.textProperty().bind(Bindings.createStringBinding(() -> texts.getString(
                viewModel.runningProperty().get() ? "workload.apply" : "workload.start"), viewModel.runningProperty()));
        stopButton.disableProperty().bind(viewModel.runningProperty().not());
        startButton.setOnAction(e -> viewModel.start());
        rateField.setOnAction(e -> viewModel.start());
        stopButton.setOnAction(e -> viewModel.stop());
        viewModel.relabel();
        messageLabel.textProperty().bind(viewModel.messageProperty());
        messageLabel.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.visibleProperty());
    }

    public VBox root() {
        return root;
    }

    /** A choice box showing {@code items} by {@code text}, bound both ways to {@code value}. */
    private static <T> void choices(ComboBox<T> box, java.util.List<T> items, java.util.function.Function<T, String> text,
                                    javafx.beans.property.Property<T> value) {
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T item) {
                return text.apply(item);
            }

            @Override
            public T fromString(String typed) {
                return value.getValue(); // not editable: nothing is typed
            }
        });
        box.valueProperty().bindBidirectional(value);
    }
}
