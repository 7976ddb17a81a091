package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.FieldType;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.SelectionOption;

/**
 * {@code fields_get}: fields in the model's order, each with its attributes in alphabetical order (Odoo iterates its
 * sorted {@code _description_*} attributes), only those that apply to the field's type.
 */
final class FieldDescriptions {

    private FieldDescriptions() {
    }

    /**
     * @param names
     *            the fields wanted ({@code null} or empty for all); unknown names are ignored, as Odoo ignores them
     * @param attributes
     *            the attributes wanted ({@code null} or empty for all)
     */
    static Map<String, Object> describe(Model model, List<String> names, List<String> attributes) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Field field : model.fields()) {
            if (names != null && !names.isEmpty() && !names.contains(field.name())) {
                continue;
            }
            Map<String, Object> all = attributes(field);
            Map<String, Object> description = new LinkedHashMap<>();
            all.forEach((attribute, value) -> {
                if (attributes == null || attributes.isEmpty() || attributes.contains(attribute)) {
                    description.put(attribute, value);
                }
            });
            result.put(field.name(), description);
        }
        return result;
    }

    private static Map<String, Object> attributes(Field field) {
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("change_default", false);
        attributes.put("company_dependent", false);
        attributes.put("depends", List.of());
        attributes.put("exportable", true);
        attributes.put("manual", false);
        attributes.put("name", field.name());
        attributes.put("readonly", field.isReadonly());
        attributes.put("required", field.isRequired());
        attributes.put("searchable", true);
        attributes.put("sortable", field.isStored() && !field.type().isToMany());
        attributes.put("store", field.isStored());
        attributes.put("string", field.label());
        attributes.put("type", field.type().odooName());
        if (field.type().isTextual()) {
            attributes.put("translate", field.isTranslated());
        }
        if (field.type().isRelational()) {
            attributes.put("relation", field.comodel());
            attributes.put("context", Map.of());
            attributes.put("domain", List.of());
        }
        if (field.type() == FieldType.ONE2MANY) {
            attributes.put("relation_field", field.inverse());
        }
        if (field.type() == FieldType.SELECTION) {
            List<List<String>> selection = new ArrayList<>();
            for (SelectionOption option : field.selection()) {
                selection.add(List.of(option.value(), option.label()));
            }
            attributes.put("selection", selection);
        }
        return attributes;
    }
}
