package org.slotscope.ui.frame;

import java.util.function.LongConsumer;
import javafx.scene.Scene;

/**
 * Tells when JavaFX's renderer has finished a frame of a scene. JavaFX has no public API for it; its
 * scene performance tracker ({@code com.sun.javafx.perf.PerformanceTracker}, the one behind
 * {@code -Djavafx.perfLogging}) runs a task on the render thread after each rendered frame
 * (Scene.ScenePeerPaintListener.frameRendered). That class is reachable when JavaFX is on the class
 * path, as in {@code java -jar target/slotscope.jar} and the tests; on the module path it is not
 * exported, and frames are then simply not reported.
 */
public final class RenderedFrames {
    private static final String TRACKER = "com.sun.javafx.perf.PerformanceTracker";

    private RenderedFrames() {
    }

    /**
     * Calls {@code listener} with {@link System#nanoTime()} on the render thread after each frame of
     * {@code scene} is rendered. Returns false (and does nothing) when this JavaFX does not allow it.
     */
    public static boolean report(Scene scene, LongConsumer listener) {
        try {
            Class<?> tracker = Class.forName(TRACKER);
            Object sceneTracker = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
            if (sceneTracker == null) {
                return false;
            }
            Runnable previous = (Runnable) tracker.getMethod("getOnRenderedFrameTask").invoke(sceneTracker);
            Runnable task = () -> {
                listener.accept(System.nanoTime());
                if (previous != null) {
                    previous.run();
                }
            };
            tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(sceneTracker, task);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
