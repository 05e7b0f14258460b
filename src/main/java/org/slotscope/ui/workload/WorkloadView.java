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
        readsBox.getItems().setAll(WorkloadViewModel.READ_PERCENTS);
        readsBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer percent) {
                return viewModel.readsText(percent);
            }

            @Override
            public Integer fromString(String text) {
                return viewModel.readPercentProperty().get();
            }
        });
        readsBox.valueProperty().bindBidirectional(viewModel.readPercentProperty());
        keysBox.getItems().setAll(KeyDistribution.values());
        keysBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyDistribution distribution) {
                return viewModel.keysText(distribution);
            }

            @Override
            public KeyDistribution fromString(String text) {
                return viewModel.keysProperty().get();
            }
        });
        keysBox.valueProperty().bindBidirectional(viewModel.keysProperty());
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
}
