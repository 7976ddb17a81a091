package io.trestle.odooconnector.source.polling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.trestle.odoo.client.FieldInfo;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooValues;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;

/**
 * Reads one model through Odoo's API and normalises what Odoo answers into {@link OdooRecord}s, by the field types Odoo
 * reported once at start: Odoo reads every empty value as {@code false}, so only the type tells an unset date from a
 * boolean that is false.
 *
 * <p>
 * Every read passes {@code active_test: false}, since archiving a record must be published like any other change, and
 * the configured language, in which Odoo answers translatable names.
 */
final class RecordReader {

    private static final Logger LOG = Logger.getLogger(RecordReader.class);

    private static final String WRITE_DATE = "write_date";
    private static final Set<String> TEXT_TYPES = Set.of("char", "text", "html", "selection");
    private static final Set<String> NUMBER_TYPES = Set.of("integer", "float", "monetary");
    private static final Set<String> OTHER_TYPES = Set.of("boolean", "date", "datetime", "many2one", "many2many");

    /** A record's id and {@code write_date} (null when it has none), for reconciliation. */
    record Stamp(long id, Instant writeDate) {
    }

    private final OdooClient odoo;
    private final OdooModel model;
    private final Map<String, String> types;
    private final Map<String, Object> context;

    private RecordReader(OdooClient odoo, OdooModel model, Map<String, String> types, String language) {
        this.odoo = odoo;
        this.model = model;
        this.types = types;
        this.context = Map.of("lang", language, "active_test", false);
    }

    /**
     * Asks Odoo for the types of the model's fields. {@code requiredExtra} is a configured custom field that must exist
     * and be a number; a standard field the server lacks (they differ between Odoo versions and installed modules) is
     * left out with a warning, and the records then carry no value for it.
     *
     * @throws IllegalStateException
     *             when the configured field is missing or not a number, or a field has a type no source normalises
     */
    static RecordReader check(OdooClient odoo, OdooModel model, Optional<String> requiredExtra, String setting,
            String language) {
        List<String> wanted = new ArrayList<>(model.fields());
        if (model == OdooModel.TASK) {
            wanted.add(OdooModel.ASSIGNEES);
        }
        requiredExtra.ifPresent(wanted::add);
        Map<String, FieldInfo> found = odoo.fieldsGet(model.model(), wanted);
        requiredExtra.ifPresent(field -> {
            FieldInfo info = found.get(field);
            if (info == null) {
                throw new IllegalStateException(model.model() + " has no field '" + field + "', which " + setting
                        + " names: create it in Odoo or leave the setting empty");
            }
            if (!NUMBER_TYPES.contains(info.type())) {
                throw new IllegalStateException(model.model() + "." + field + " (" + setting + ") is a " + info.type()
                        + " field; it must be a number (float, monetary or integer)");
            }
        });
        if (!found.containsKey(WRITE_DATE)) {
            throw new IllegalStateException(model.model() + " has no write_date: it cannot be polled");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (String field : wanted) {
            FieldInfo info = found.get(field);
            if (info == null) {
                LOG.warnf("Odoo's %s has no field %s: its records are published without it", model.model(), field);
                continue;
            }
            if (!TEXT_TYPES.contains(info.type()) && !NUMBER_TYPES.contains(info.type())
                    && !OTHER_TYPES.contains(info.type())) {
                throw new IllegalStateException(
                        model.model() + "." + field + " is a " + info.type() + " field, which polling cannot read");
            }
            types.put(field, info.type());
        }
        return new RecordReader(odoo, model, Collections.unmodifiableMap(types), language);
    }

    OdooModel model() {
        return model;
    }

    /** Up to {@code limit} records matching {@code domain}, in {@code order}. */
    List<OdooRecord> records(List<?> domain, String order, int limit) {
        List<OdooRecord> records = new ArrayList<>();
        searchRead(domain, List.copyOf(types.keySet()), order, limit).forEach(row -> records.add(normalise(row)));
        return records;
    }

    /** Up to {@code limit} ids with their {@code write_date}, from the lowest id above {@code afterId}. */
    List<Stamp> stamps(long afterId, int limit) {
        List<Stamp> stamps = new ArrayList<>();
        searchRead(List.of(List.of("id", ">", afterId)), List.of(WRITE_DATE), "id asc", limit).forEach(row -> {
            JsonNode writeDate = row.path(WRITE_DATE);
            stamps.add(new Stamp(row.path("id").asLong(),
                    writeDate.isTextual() ? OdooValues.parseDatetime(writeDate.asText()).orElseThrow() : null));
        });
        return stamps;
    }

    private JsonNode searchRead(List<?> domain, List<String> fields, String order, int limit) {
        // Not OdooClient.searchRead: it cannot pass a context, and the language and active_test are needed here.
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", fields);
        kwargs.put("order", order);
        kwargs.put("limit", limit);
        kwargs.put("context", context);
        return odoo.execute(model.model(), "search_read", List.of(domain), kwargs);
    }

    private OdooRecord normalise(JsonNode row) {
        Map<String, Object> values = new LinkedHashMap<>();
        types.forEach((field, type) -> {
            Object value = value(type, row.path(field));
            if (value != null) {
                values.put(field, value);
            }
        });
        return new OdooRecord(model, row.path("id").asLong(), values, false);
    }

    private static Object value(String type, JsonNode value) {
        if (type.equals("boolean")) {
            return value.asBoolean(false);
        }
        if (type.equals("many2many")) {
            List<Long> ids = new ArrayList<>();
            value.forEach(id -> ids.add(id.asLong()));
            Collections.sort(ids);
            return ids;
        }
        if (value.isNull() || value.isMissingNode() || (value.isBoolean() && !value.booleanValue())) {
            return null;
        }
        return switch (type) {
            case "integer" -> value.asLong();
            case "float", "monetary" -> value.asDouble();
            case "date" -> LocalDate.parse(value.asText());
            case "datetime" -> OdooValues.parseDatetime(value.asText()).orElseThrow();
            case "many2one" -> new OdooRecord.Reference(value.path(0).asLong(), value.path(1).textValue());
            default -> value.asText();
        };
    }
}
