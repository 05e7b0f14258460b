package org.slotscope.ui.i18n;

import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one-line message a view model shows (a reshard's progress, a refusal, an outcome), kept as
 * how to say it: a language switch says it again in the new language instead of leaving it in the old.
 */
public final class LocalMessage {
    private final ReadOnlyStringWrapper text;
    private final Supplier<ResourceBundle> texts;
    private Function<ResourceBundle, String> said = t -> "";

    public LocalMessage(Object bean, Supplier<ResourceBundle> texts) {
        this.text = new ReadOnlyStringWrapper(bean, "message", "");
        this.texts = texts;
    }

    public ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }

    /** The bundle's {@code key}, formatted with {@code args} when there are any. */
    public void say(String key, Object... args) {
        say(t -> args.length == 0 ? t.getString(key) : Messages.format(t, key, args));
    }

    public void say(Function<ResourceBundle, String> how) {
        said = how;
        text.set(how.apply(texts.get()));
    }

    public void clear() {
        say(t -> "");
    }

    /** Says the message again in the window's language now. */
    public void relabel() {
        text.set(said.apply(texts.get()));
    }
}
