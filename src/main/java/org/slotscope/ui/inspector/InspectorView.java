package org.slotscope.ui.inspector;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The inspector's controller: binds the FXML to an {@link InspectorViewModel}. */
public final class InspectorView {
    public static final String FXML = "/org/slotscope/ui/inspector/InspectorView.fxml";

    private final InspectorViewModel viewModel;
    @FXML
    private VBox root;
    @FXML
    private TextField keyField;
    @FXML
    private Label keyLabel;
    @FXML
    private Label slotLabel;
    @FXML
    private Label nodeLabel;

    public InspectorView(InspectorViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        viewModel.refresh(); // texts in this view's language
        keyField.textProperty().bindBidirectional(viewModel.keyProperty());
        keyLabel.textProperty().bind(viewModel.keyTextProperty());
        slotLabel.textProperty().bind(viewModel.slotTextProperty());
        nodeLabel.textProperty().bind(viewModel.nodeTextProperty());
    }

    public VBox root() {
        return root;
    }
}
