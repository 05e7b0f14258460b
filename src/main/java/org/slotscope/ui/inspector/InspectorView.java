package org.slotscope.ui.inspector;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.slotscope.ui.actions.ActionsViewModel;
import org.slotscope.ui.ring.SlotRange;

/**
 * The inspector's controller: binds the FXML to an {@link InspectorViewModel}; the range's
 * "Move these slots to" row runs through the {@link ActionsViewModel}, which runs one slot move at a
 * time and shows its progress and Stop beside the reshard's.
 */
public final class InspectorView {
    public static final String FXML = "/org/slotscope/ui/inspector/InspectorView.fxml";

    private final InspectorViewModel viewModel;
    private final ActionsViewModel actions;
    @FXML
    private ScrollPane scroll;
    @FXML
    private VBox root;
    @FXML
    private TextField keyField;
    @FXML
    private Label keyLabel;
    @FXML
    private Label slotLabel;
    @FXML
    private Label rangeLabel;
    @FXML
    private HBox rangeMoveBox;
    @FXML
    private ComboBox<String> rangeTargetBox;
    @FXML
    private Button rangeMoveButton;
    @FXML
    private Button rangeStopButton;
    @FXML
    private Label nodeLabel;

    // The view models outlive this controller (a language switch makes a new one): weak listeners only.
    private final ChangeListener<SlotRange> scrollToRange = (obs, old, now) -> {
        if (now != null && old == null) {
            scroll.setVvalue(0); // the range is at the top
        }
    };

    public InspectorView(InspectorViewModel viewModel, ActionsViewModel actions) {
        this.viewModel = viewModel;
        this.actions = actions;
    }

    @FXML
    private void initialize() {
        viewModel.refresh(); // texts in this view's language
        keyField.textProperty().bindBidirectional(viewModel.keyProperty());
        keyLabel.textProperty().bind(viewModel.keyTextProperty());
        slotLabel.textProperty().bind(viewModel.slotTextProperty());
        nodeLabel.textProperty().bind(viewModel.nodeTextProperty());

        // A range replaces the single slot's line; without one, that line is the hint.
        BooleanBinding hasRange = viewModel.selectedRangeProperty().isNotNull();
        rangeLabel.textProperty().bind(viewModel.rangeTextProperty());
        show(rangeLabel, hasRange);
        show(rangeMoveBox, hasRange);
        show(slotLabel, hasRange.not());
        rangeTargetBox.setItems(actions.masters());
        rangeTargetBox.valueProperty().bindBidirectional(actions.moveTargetProperty());
        rangeMoveButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> actions.runningProperty().get() || actions.moveTargetProperty().get() == null,
                actions.runningProperty(), actions.moveTargetProperty()));
        rangeStopButton.disableProperty().bind(actions.runningProperty().not());
        rangeMoveButton.setOnAction(e -> actions.moveSlots(viewModel.selectedRangeProperty().get()));
        rangeStopButton.setOnAction(e -> actions.cancelReshard());
        viewModel.selectedRangeProperty().addListener(new WeakChangeListener<>(scrollToRange));
    }

    private static void show(javafx.scene.Node node, BooleanBinding when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    public VBox root() {
        return root;
    }
}
