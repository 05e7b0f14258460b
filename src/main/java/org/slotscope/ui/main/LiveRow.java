package org.slotscope.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/**
 * One line of the node table or the legend whose value changes in place. A table whose items are
 * replaced lays out and styles every row again (TableViewSkinBase resets its item count on any
 * replacement, so VirtualFlow rebuilds all cells): during a reshard that was a 10-20 ms CSS and
 * layout pass three times a second, the window's worst frames. Bound to a line's value, a cell
 * changes only when its own text does.
 */
public final class LiveRow<T> {
    private final ReadOnlyObjectWrapper<T> value;

    LiveRow(T value) {
        this.value = new ReadOnlyObjectWrapper<>(this, "value", value);
    }

    public T get() {
        return value.get();
    }

    public ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** One column of the line: notifies when the line changes; a cell redraws only if this part differs. */
    public <R> ObservableValue<R> part(Function<T, R> getter) {
        return value.map(getter);
    }

    /**
     * Makes {@code lines} show {@code source}: lines for the same thing ({@code sameLine}) take the new
     * value in place; other changes replace the line; a different count replaces them all.
     */
    static <T> void mirror(List<T> source, ObservableList<LiveRow<T>> lines, BiPredicate<T, T> sameLine) {
        if (lines.size() != source.size()) {
            List<LiveRow<T>> fresh = new ArrayList<>(source.size());
            for (T item : source) {
                fresh.add(new LiveRow<>(item));
            }
            lines.setAll(fresh);
            return;
        }
        for (int i = 0; i < source.size(); i++) {
            T next = source.get(i);
            LiveRow<T> line = lines.get(i);
            if (next.equals(line.get())) {
                continue;
            }
            if (sameLine.test(line.get(), next)) {
                line.value.set(next);
            } else {
                lines.set(i, new LiveRow<>(next));
            }
        }
    }
}
