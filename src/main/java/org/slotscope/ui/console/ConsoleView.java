package org.slotscope.ui.console;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The console's controller: binds the FXML to a {@link ConsoleViewModel}, nothing else. */
public final class ConsoleView {
    public static final String FXML = "/org/slotscope/ui/console/ConsoleView.fxml";
    public static final String ERROR_LINE = "console-error";
    public static final String REDIRECT_LINE = "console-redirect";
    public static final String ECHO_LINE = "console-echo";

    private final ConsoleViewModel viewModel;
    @FXML
    private VBox root;
    @FXML
    private ComboBox<String> nodeBox;
    @FXML
    private CheckBox clusterModeBox;
    @FXML
    private ListView<String> transcriptList;
    @FXML
    private Label promptLabel;
    @FXML
    private TextField inputField;
    @FXML
    private Button sendButton;

    public ConsoleView(ConsoleViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        nodeBox.setItems(viewModel.nodes());
        nodeBox.valueProperty().bindBidirectional(viewModel.nodeProperty());
        clusterModeBox.selectedProperty().bindBidirectional(viewModel.clusterModeProperty());
        transcriptList.setItems(viewModel.transcript());
        transcriptList.setCellFactory(list -> new TranscriptCell());
        viewModel.transcript().addListener((javafx.collections.ListChangeListener<String>) change ->
                transcriptList.scrollTo(Math.max(0, viewModel.transcript().size() - 1)));
        promptLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(viewModel::prompt,
                viewModel.nodeProperty()));
        inputField.textProperty().bindBidirectional(viewModel.inputProperty());
        inputField.setOnAction(e -> viewModel.submit());
        sendButton.setOnAction(e -> viewModel.submit());
        sendButton.disableProperty().bind(viewModel.busyProperty());
    }

    public VBox root() {
        return root;
    }

    public TextField inputField() {
        return inputField;
    }

    /** Errors, redirects and echoed commands in their own colours (and words: colour is not the only cue). */
    private static final class TranscriptCell extends ListCell<String> {
        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(ERROR_LINE, REDIRECT_LINE, ECHO_LINE);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line);
            if (line.startsWith("(error)") || line.startsWith("Could not connect")) {
                getStyleClass().add(ERROR_LINE);
            } else if (line.startsWith("-> Redirected")) {
                getStyleClass().add(REDIRECT_LINE);
            } else if (line.matches("^\\S+:\\d+> .*")) {
                getStyleClass().add(ECHO_LINE);
            }
        }
    }
}
