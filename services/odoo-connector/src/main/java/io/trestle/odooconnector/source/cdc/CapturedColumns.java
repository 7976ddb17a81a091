package io.trestle.odooconnector.source.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.trestle.odooconnector.source.OdooModel;

/**
 * The columns change-data-capture reads: the id and the fields of each {@link OdooModel}, plus the equipment's hourly
 * rate field when one is configured, and the table each many2one column points at.
 */
final class CapturedColumns {

    static final String SCHEMA = "public";
    static final String ID = "id";

    /*
     * A database row holds only the id of a many2one; the table tells where its name lives. Keyed by model because the
     * same column name (parent_id) points at different tables in different models.
     */
    private static final Map<OdooModel, Map<String, String>> MANY2ONE_TARGETS = Map.of(
            OdooModel.PROJECT, Map.of("company_id", "res_company", "analytic_account_id", "account_analytic_account"),
            OdooModel.TASK, Map.of("project_id", "project_project", "company_id", "res_company", "parent_id",
                    "project_task", "stage_id", "project_task_type", "analytic_account_id",
                    "account_analytic_account"),
            OdooModel.COST_CODE, Map.of("company_id", "res_company", "plan_id", "account_analytic_plan"),
            OdooModel.EQUIPMENT, Map.of("category_id", "maintenance_equipment_category", "company_id",
                    "res_company"));

    /* Odoo's own rule for field names; it also keeps the name safe inside SQL and Debezium's column regex. */
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Optional<String> equipmentRateField;

    CapturedColumns(Optional<String> equipmentRateField) {
        equipmentRateField.ifPresent(field -> {
            if (!FIELD_NAME.matcher(field).matches()) {
                throw new CdcSetupException("trestle.odoo-connector.rates.equipment-field '" + field
                        + "' is not an Odoo field name (lower case letters, digits and underscores, e.g. x_hourly_rate)");
            }
        });
        this.equipmentRateField = equipmentRateField;
    }

    /** The id first, then the model's fields, then the rate field for equipment. */
    List<String> of(OdooModel model) {
        List<String> columns = new ArrayList<>();
        columns.add(ID);
        columns.addAll(model.fields());
        if (model == OdooModel.EQUIPMENT) {
            equipmentRateField.ifPresent(columns::add);
        }
        return columns;
    }

    Optional<String> equipmentRateField() {
        return equipmentRateField;
    }

    boolean isRate(OdooModel model, String column) {
        return model == OdooModel.EQUIPMENT && equipmentRateField.filter(column::equals).isPresent();
    }

    /** The table a many2one column points at, or empty when the column is not a many2one. */
    static Optional<String> many2oneTarget(OdooModel model, String column) {
        return Optional.ofNullable(MANY2ONE_TARGETS.get(model).get(column));
    }

    static List<String> many2oneTargetTables() {
        return MANY2ONE_TARGETS.values().stream().flatMap(targets -> targets.values().stream()).distinct().sorted()
                .toList();
    }

    static String qualified(OdooModel model) {
        return SCHEMA + "." + model.table();
    }
}
