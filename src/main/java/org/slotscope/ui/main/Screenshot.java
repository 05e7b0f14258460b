package org.slotscope.ui.main;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what the window shows as a PNG (Scene.snapshot, copied pixel by pixel: no javafx-swing needed). */
public final class Screenshot {
    private Screenshot() {
    }

    /** Call on the FX thread. */
    public static Path save(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        return save(image, file);
    }

    public static Path save(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            reader.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
