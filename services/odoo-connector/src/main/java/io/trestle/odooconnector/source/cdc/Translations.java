package io.trestle.odooconnector.source.cdc;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Resolves Odoo's translatable values. Since Odoo 16 a translatable field is one jsonb column holding every language,
 * e.g. {@code {"en_US": "Crane", "fr_FR": "Grue"}}, which Odoo reads as {@code COALESCE(name->>lang, name->>'en_US')}.
 * This picks the same: the configured language, else English, even when a translation is an empty string; and where
 * Odoo would read nothing, whichever language the record has.
 */
final class Translations {

    private static final String ODOO_SOURCE_LANGUAGE = "en_US";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String language;

    Translations(String language) {
        this.language = language;
    }

    /** The text in the preferred language, or null for a JSON null. */
    String resolve(String jsonb) {
        JsonNode node;
        try {
            node = JSON.readTree(jsonb);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a jsonb value: " + jsonb, e);
        }
        if (!node.isObject()) {
            return node.isNull() ? null : node.asText();
        }
        for (String candidate : new String[]{language, ODOO_SOURCE_LANGUAGE}) {
            JsonNode text = node.get(candidate);
            if (text != null && text.isTextual()) {
                return text.asText();
            }
        }
        // jsonb keeps its keys in a fixed order (shorter first, then bytewise), so "any" is the same one every time.
        for (Map.Entry<String, JsonNode> translation : node.properties()) {
            JsonNode text = translation.getValue();
            if (text.isTextual()) {
                return text.asText();
            }
        }
        return null;
    }
}
