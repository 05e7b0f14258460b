package org.slotscope.ui.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.text.Font;

/**
 * The font family the window's Chinese is drawn in: the first Simplified Chinese font the system
 * has, else the one in the jar (WenQuanYi Micro Hei, reduced to GB 2312: see fonts/NOTICE.txt), so
 * that a machine with no CJK font (a minimal Linux, a fresh CI image) shows 中文, not empty boxes.
 * JavaFX takes only the first family of a CSS font list, so the window sets the family it gets here.
 */
public final class ChineseFont {
    /** Fonts with Simplified Chinese glyphs, in order of preference, on Linux, Windows and macOS. */
    public static final List<String> INSTALLED_PREFERENCE = List.of("Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC",
            "Hiragino Sans GB");
    /** The font in the jar, next to its licence and notice. */
    public static final String BUNDLED = "/org/slotscope/ui/i18n/fonts/wqy-microhei-gb2312.ttf";

    private static Optional<String> chosen;

    private ChineseFont() {
    }

    /**
     * The family to draw Chinese in, chosen once (asking JavaFX for the installed families, and
     * loading the jar's font when none of them is there); empty only if that font cannot be loaded.
     * Call on the FX thread, and only when Chinese is shown: English windows never pay for it.
     */
    public static synchronized Optional<String> family() {
        if (chosen == null) {
            chosen = choose(Font.getFamilies(), ChineseFont::loadBundled);
        }
        return chosen;
    }

    /** Whether {@link #family()} has chosen already (so asking costs nothing). */
    public static synchronized boolean decided() {
        return chosen != null;
    }

    /** A node style that draws its text (and its children's) in {@link #family()}; empty without one. */
    public static String style() {
        return family().map(f -> "-fx-font-family: \"" + f + "\";").orElse("");
    }

    static Optional<String> choose(List<String> installed, Supplier<Optional<String>> bundled) {
        for (String family : INSTALLED_PREFERENCE) {
            if (installed.contains(family)) {
                return Optional.of(family);
            }
        }
        return bundled.get();
    }

    /** Loads the jar's font into JavaFX and returns its family. */
    static Optional<String> loadBundled() {
        try (InputStream in = ChineseFont.class.getResourceAsStream(BUNDLED)) {
            Font font = in == null ? null : Font.loadFont(in, 18);
            if (font == null) {
                System.err.println("[WARN] the window's Chinese font " + BUNDLED + " could not be loaded;"
                        + " Chinese shows only with a CJK font installed (fonts-noto-cjk)");
                return Optional.empty();
            }
            return Optional.of(font.getFamily());
        } catch (IOException e) {
            System.err.println("[WARN] reading " + BUNDLED + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
