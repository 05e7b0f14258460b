package org.slotscope.ui.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalMessageTest {
    @Test
    void aMessageIsSaidAgainInTheNewLanguageAndAClearedOneStaysEmpty() {
        AtomicReference<ResourceBundle> texts = new AtomicReference<>(Messages.bundle(Messages.ENGLISH));
        LocalMessage message = new LocalMessage(this, texts::get);
        message.say("reshard.done", 12, 3400);
        assertEquals("Moved 12 slots and 3,400 keys.", message.property().get());
        texts.set(Messages.bundle(Messages.SIMPLIFIED_CHINESE));
        assertEquals("Moved 12 slots and 3,400 keys.", message.property().get(), "not before the relabel");
        message.relabel();
        assertEquals("\u5df2\u8fc1\u79fb 12 \u4e2a\u69fd\u548c 3,400 \u4e2a\u952e\u3002", message.property().get());
        message.say(t -> t.getString("playback.rewinding") + "!");
        texts.set(Messages.bundle(Messages.ENGLISH));
        message.relabel();
        assertEquals(Messages.bundle(Messages.ENGLISH).getString("playback.rewinding") + "!", message.property().get());
        message.clear();
        message.relabel();
        assertEquals("", message.property().get());
    }
}
