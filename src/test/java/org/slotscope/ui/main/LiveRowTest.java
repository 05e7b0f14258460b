package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class LiveRowTest {
    /** A node's row as the table sees it: its id says which line it is, its count changes. */
    private record Row(String id, int keys) {
    }

    private static final java.util.function.BiPredicate<Row, Row> SAME_NODE = (a, b) -> a.id().equals(b.id());

    @Test
    void newCountsArriveInPlaceWithoutTouchingTheList() {
        ObservableList<LiveRow<Row>> lines = FXCollections.observableArrayList();
        LiveRow.mirror(List.of(new Row("a", 1), new Row("b", 2)), lines, SAME_NODE);
        LiveRow<Row> first = lines.get(0);
        ObservableValue<Integer> keysCell = first.part(Row::keys);
        List<Integer> shownKeys = new ArrayList<>();
        keysCell.addListener((obs, old, now) -> shownKeys.add(now));
        List<ListChangeListener.Change<? extends LiveRow<Row>>> listChanges = new ArrayList<>();
        lines.addListener((ListChangeListener<LiveRow<Row>>) listChanges::add);

        LiveRow.mirror(List.of(new Row("a", 5), new Row("b", 2)), lines, SAME_NODE);

        assertEquals(List.of(), listChanges, "the table's items stay, so its cells are not rebuilt");
        assertSame(first, lines.get(0));
        assertEquals(new Row("a", 5), first.get());
        assertEquals(List.of(5), shownKeys, "the one cell bound to the count hears of it");
    }

    @Test
    void anotherNodeInALineReplacesTheLineAndANewCountReplacesThemAll() {
        ObservableList<LiveRow<Row>> lines = FXCollections.observableArrayList();
        LiveRow.mirror(List.of(new Row("a", 1), new Row("b", 2)), lines, SAME_NODE);
        LiveRow<Row> second = lines.get(1);

        LiveRow.mirror(List.of(new Row("a", 1), new Row("c", 2)), lines, SAME_NODE);
        assertEquals(new Row("c", 2), lines.get(1).get());
        assertEquals(new Row("b", 2), second.get(), "the old line is left as it was, not reused for c");

        LiveRow.mirror(List.of(new Row("a", 1)), lines, SAME_NODE);
        assertEquals(List.of(new Row("a", 1)), lines.stream().map(LiveRow::get).toList());
    }
}
