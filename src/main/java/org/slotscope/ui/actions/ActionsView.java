package org.slotscope.ui.actions;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.slotscope.ui.sim.NodeSnapshot;

/** Quick actions and the reshard form: binds the FXML to an {@link ActionsViewModel}. */
public final class ActionsView {
    public static final String FXML = "/org/slotscope/ui/actions/ActionsView.fxml";

    private final ActionsViewModel viewModel;
    @FXML
    private VBox root;
    @FXML
    private Label selectedLabel;
    @FXML
    private Button crashButton;
    @FXML
    private Button restartButton;
    @FXML
    private Button failoverButton;
    @FXML
    private TextField slotsField;
    @FXML
    private ComboBox<String> targetBox;
    @FXML
    private Button reshardButton;
    @FXML
    private Button cancelButton;
    @FXML
    private ProgressBar progressBar;
    @FXML
    private Label messageLabel;

    public ActionsView(ActionsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        var selected = viewModel.selectedNodeProperty();
        selectedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> selected.get() == null ? "\u2014" : selected.get().address(), selected));
        crashButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().running(), selected));
        restartButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().running(), selected));
        failoverButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null, selected));
        crashButton.setOnAction(e -> viewModel.crash());
        restartButton.setOnAction(e -> viewModel.restart());
        failoverButton.setOnAction(e -> viewModel.failover());

        slotsField.textProperty().bindBidirectional(viewModel.reshardSlotsProperty());
        targetBox.setItems(viewModel.masters());
        targetBox.valueProperty().bindBidirectional(viewModel.reshardTargetProperty());
        reshardButton.disableProperty().bind(viewModel.runningProperty());
        cancelButton.disableProperty().bind(viewModel.runningProperty().not());
        reshardButton.setOnAction(e -> viewModel.startReshard());
        cancelButton.setOnAction(e -> viewModel.cancelReshard());
        progressBar.progressProperty().bind(viewModel.progressProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
    }

    public VBox root() {
        return root;
    }

    /** For the node table: choosing a row selects the node the quick actions apply to. */
    public void select(NodeSnapshot node) {
        viewModel.selectedNodeProperty().set(node);
    }
}
