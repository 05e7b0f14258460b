package org.slotscope.ui.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ChineseFontTest {
    @Test
    void anInstalledChineseFontIsPreferredAndTheJarsFontOnlyLoadedWithoutOne() {
        List<String> loads = new ArrayList<>();
        assertEquals(Optional.of("Microsoft YaHei"), ChineseFont.choose(List.of("Arial", "Microsoft YaHei", "SimSun"),
                () -> {
                    loads.add("bundled");
                    return Optional.of("WenQuanYi Micro Hei");
                }));
        assertEquals(Optional.of("Noto Sans CJK SC"), ChineseFont.choose(List.of("PingFang SC", "Noto Sans CJK SC"),
                Optional::empty), "the order of preference, not the system's order");
        assertEquals(List.of(), loads, "not loaded while an installed font will do");
        assertEquals(Optional.of("WenQuanYi Micro Hei"), ChineseFont.choose(List.of("DejaVu Sans"),
                () -> Optional.of("WenQuanYi Micro Hei")));
    }

    /** Read with AWT's font code, which needs no JavaFX toolkit. */
    @Test
    void theJarsFontHasAGlyphForEveryCharacterOfTheChineseBundle() throws Exception {
        java.awt.Font font;
        try (InputStream in = ChineseFont.class.getResourceAsStream(ChineseFont.BUNDLED)) {
            font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
        }
        assertEquals("WenQuanYi Micro Hei", font.getFamily(java.util.Locale.ROOT));
        ResourceBundle zh = Messages.bundle(Messages.SIMPLIFIED_CHINESE);
        List<String> missing = new ArrayList<>();
        for (String key : zh.keySet()) {
            String text = zh.getString(key).replace("\n", "");
            int at = font.canDisplayUpTo(text);
            if (at >= 0) {
                missing.add(key + ": '" + text.charAt(at) + "' (U+" + Integer.toHexString(text.charAt(at)) + ")");
            }
        }
        assertEquals(List.of(), missing, "characters of the Chinese bundle the jar's font lacks");
        assertEquals(-1, font.canDisplayUpTo(Messages.nativeName(Messages.SIMPLIFIED_CHINESE)));
        assertTrue(font.canDisplayUpTo("\u9fa5") >= 0, "only GB 2312 is kept: a rare hanzi outside it is not");
    }
}
