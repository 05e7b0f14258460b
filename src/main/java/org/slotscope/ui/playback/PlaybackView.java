package org.slotscope.ui.playback;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import org.slotscope.ui.sim.TimelineMarker;

/**
 * Play / pause / step, the speed slider (its value is the decimal exponent: -2..2 is 0.01x..100x) and
 * the timeline: dragging it chooses a moment, Rewind goes there. Markers are drawn above it.
 */
public final class PlaybackView {
    public static final String FXML = "/org/slotscope/ui/playback/PlaybackView.fxml";
    public static final String MARKER = "timeline-marker";

    private final PlaybackViewModel viewModel;
    private final ResourceBundle texts;
    private final ListChangeListener<TimelineMarker> markerListener = this::markersChanged;
    /** One tooltip per kind of mark, shared by its lines: a tooltip per line made each new mark cost more. */
    private final java.util.Map<TimelineMarker.Kind, Tooltip> tooltips = new java.util.EnumMap<>(TimelineMarker.Kind.class);
    /** The marker lines as drawn, in the markers' order: moved, not rebuilt, when the timeline grows. */
    private final java.util.List<Line> markerLines = new java.util.ArrayList<>();
    @FXML
    private HBox root;
    @FXML
    private Button playButton;
    @FXML
    private Button stepButton;
    @FXML
    private Slider speedSlider;
    @FXML
    private Label speedLabel;
    @FXML
    private Label timeLabel;
    @FXML
    private Pane markerPane;
    @FXML
    private Slider timeline;
    @FXML
    private Button rewindButton;
    @FXML
    private Label messageLabel;
    private boolean userMovedTimeline;
    private boolean followingTime;

    public PlaybackView(PlaybackViewModel viewModel, ResourceBundle texts) {
        this.viewModel = viewModel;
        this.texts = texts;
    }

    @FXML
    private void initialize() {
        playButton.textProperty().bind(Bindings.createStringBinding(() -> texts.getString(
                viewModel.playingProperty().get() ? "playback.pause" : "playback.play"), viewModel.playingProperty()));
        playButton.setOnAction(e -> viewModel.togglePlaying());
        stepButton.setOnAction(e -> viewModel.step());
        speedSlider.valueProperty().bindBidirectional(viewModel.speedExponentProperty());
        speedLabel.textProperty().bind(viewModel.speedTextProperty());
        timeLabel.textProperty().bind(viewModel.timeTextProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());

        timeline.maxProperty().bind(Bindings.createDoubleBinding(() -> (double) Math.max(1, viewModel.endTimeProperty().get()),
                viewModel.endTimeProperty()));
        viewModel.timeProperty().addListener((obs, old, now) -> {
            if (!timeline.isValueChanging() && !userMovedTimeline) {
                followingTime = true;
                timeline.setValue(now.doubleValue());
                followingTime = false;
            }
        });
        // Any other change of the value is the user choosing a moment: stop following the clock.
        timeline.valueProperty().addListener((obs, old, now) -> {
            if (!followingTime) {
                userMovedTimeline = true;
            }
        });
        rewindButton.setOnAction(e -> {
            userMovedTimeline = false;
            viewModel.rewindTo((long) timeline.getValue());
        });
        rewindButton.disableProperty().bind(viewModel.rewindingProperty());
        viewModel.markers().addListener(new javafx.collections.WeakListChangeListener<>(markerListener));
        markerPane.widthProperty().addListener((obs, old, now) -> placeMarkers());
        // the end of the timeline moves with every snapshot: the lines move, they are not rebuilt
        timeline.maxProperty().addListener((obs, old, now) -> placeMarkers());
        drawMarkers();
    }

    public HBox root() {
        return root;
    }

    public Slider timeline() {
        return timeline;
    }

    /** New marks at the end get new lines; anything else (a rewind, a new timeline) draws them all again. */
    private void markersChanged(ListChangeListener.Change<? extends TimelineMarker> change) {
        while (change.next()) {
            if (!change.wasAdded() || change.wasRemoved() || change.getFrom() != markerLines.size()) {
                drawMarkers();
                return;
            }
            java.util.List<Line> added = new java.util.ArrayList<>();
            for (TimelineMarker marker : change.getAddedSubList()) {
                added.add(lineFor(marker));
            }
            markerLines.addAll(added);
            markerPane.getChildren().addAll(added);
        }
        placeMarkers();
    }

    private void drawMarkers() {
        markerPane.getChildren().clear();
        markerLines.clear();
        for (TimelineMarker marker : viewModel.markers()) {
            markerLines.add(lineFor(marker));
        }
        markerPane.getChildren().setAll(markerLines);
        placeMarkers();
    }

    private Line lineFor(TimelineMarker marker) {
        Line line = new Line(0, 0, 0, 10);
        line.getStyleClass().add(MARKER);
        line.setStroke(colorOf(marker.kind()));
        Tooltip.install(line, tooltips.computeIfAbsent(marker.kind(),
                kind -> new Tooltip(texts.getString("marker." + kind.name().toLowerCase(java.util.Locale.ROOT)))));
        return line;
    }

    private void placeMarkers() {
        double width = markerPane.getWidth();
        double max = timeline.getMax();
        java.util.List<TimelineMarker> markers = viewModel.markers();
        boolean drawable = width > 0 && max > 0;
        // the slider's track is inset by about half a thumb on each side
        double inset = 8;
        for (int i = 0; i < markerLines.size() && i < markers.size(); i++) {
            Line line = markerLines.get(i);
            line.setVisible(drawable);
            if (drawable) {
                double x = inset + (width - 2 * inset) * markers.get(i).time() / max;
                line.setStartX(x);
                line.setEndX(x);
            }
        }
    }

    static Color colorOf(TimelineMarker.Kind kind) {
        return switch (kind) {
            case MIGRATION -> Color.web("#0072B2");
            case CRASH, FAIL -> Color.web("#D55E00");
            case ELECTION, FAILOVER -> Color.web("#009E73");
        };
    }
}
