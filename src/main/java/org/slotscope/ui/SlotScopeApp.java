package org.slotscope.ui;

/** The JavaFX application. */
public final class SlotScopeApp {
    private SlotScopeApp() {
    }

    public static void main(String[] args) {
        System.err.println("not yet");
    }
}
