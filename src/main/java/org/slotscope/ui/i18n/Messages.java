package org.slotscope.ui.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The languages the window speaks and the resource bundle behind every visible string. */
public final class Messages {
    public static final String BUNDLE = "org.slotscope.ui.i18n.messages";
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SIMPLIFIED_CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SIMPLIFIED_CHINESE);
    /** -Dslotscope.lang=zh-CN (or en) picks the language at start, e.g. for screenshots. */
    public static final String LANGUAGE_PROPERTY = "slotscope.lang";

    private Messages() {
    }

    public static ResourceBundle bundle(Locale locale) {
        // The English file is the base bundle; do not let the JVM's default locale pick another.
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static String format(ResourceBundle bundle, String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }

    /** A language's own name for itself, as a language menu shows it. */
    public static String nativeName(Locale locale) {
        return SIMPLIFIED_CHINESE.equals(locale) ? "\u7b80\u4f53\u4e2d\u6587" : "English";
    }

    /** The language to start in: the property if set, else Chinese on a Chinese system, else English. */
    public static Locale startLocale(String property, Locale systemDefault) {
        if (property != null && !property.isBlank()) {
            return fromTag(property);
        }
        return "zh".equals(systemDefault.getLanguage()) ? SIMPLIFIED_CHINESE : ENGLISH;
    }

    static Locale fromTag(String tag) {
        String normalized = tag.trim().replace('_', '-');
        return normalized.toLowerCase(Locale.ROOT).startsWith("zh") ? SIMPLIFIED_CHINESE : ENGLISH;
    }
}
