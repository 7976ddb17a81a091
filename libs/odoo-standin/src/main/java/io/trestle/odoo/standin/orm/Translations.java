package io.trestle.odoo.standin.orm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translatable values: Odoo 17 stores them as {@code {"en_US": …, "fr_FR": …}} and reads them in the caller's language,
 * falling back to English.
 */
public final class Translations {

    static final String SOURCE_LANG = "en_US";

    private Translations() {
    }

    /** The text of a stored char/text value, translated or not; {@code null} when empty. */
    public static String text(Env env, Object stored) {
        if (stored instanceof Map<?, ?> translations) {
            Object translated = translations.get(env.lang());
            return (String) (translated != null ? translated : translations.get(SOURCE_LANG));
        }
        return (String) stored;
    }

    /** The English text of a stored value, as messages that ignore the caller's language use it. */
    public static String sourceText(Object stored) {
        if (stored instanceof Map<?, ?> translations) {
            return (String) translations.get(SOURCE_LANG);
        }
        return (String) stored;
    }

    /** The stored map after writing {@code value} in the caller's language; a new record gets it in English too. */
    static Map<String, String> write(Env env, Object previous, String value) {
        Map<String, String> translations = new LinkedHashMap<>();
        if (previous instanceof Map<?, ?> existing) {
            existing.forEach((lang, text) -> translations.put((String) lang, (String) text));
        }
        if (translations.isEmpty()) {
            translations.put(SOURCE_LANG, value);
        }
        translations.put(env.lang(), value);
        return Map.copyOf(translations);
    }
}
