package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.trestle.odoo.standin.domain.DomainCompiler;
import io.trestle.odoo.standin.domain.DomainNode;
import io.trestle.odoo.standin.domain.DomainParser;
import io.trestle.odoo.standin.domain.OrderBy;
import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.Registry;
import io.trestle.odoo.standin.security.Operation;
import io.trestle.odoo.standin.security.Security;

/**
 * Odoo's ORM over the in-memory database: the model methods RPC clients call, with access rights, record rules and
 * Odoo's validations. Every method runs inside the caller's transaction ({@link Env#transaction()}).
 */
public final class Orm {

    private final Database database;
    private final Security security;
    private final FieldValues fieldValues;
    private final ValueConverter converter;
    private final DomainCompiler domains;
    private final Creator creator;
    private final Writer writer;
    private final Loader loader;

    public Orm(Database database) {
        this.database = database;
        this.security = new Security(database);
        this.fieldValues = new FieldValues(this);
        this.converter = new ValueConverter(this);
        this.domains = new DomainCompiler(this);
        this.creator = new Creator(this);
        this.writer = new Writer(this);
        this.loader = new Loader(this);
    }

    public Registry registry() {
        return database.registry();
    }

    public Database database() {
        return database;
    }

    public Security security() {
        return security;
    }

    public FieldValues fieldValues() {
        return fieldValues;
    }

    ValueConverter converter() {
        return converter;
    }

    public Model model(String name) {
        return registry().get(name);
    }

    public Table table(String model) {
        return database.table(model);
    }

    /** The display name as many2one values show it, read without access checks as Odoo does. */
    public String displayName(Env env, String model, int id) {
        Map<String, Object> row = table(model).row(id);
        if (row == null) {
            return "";
        }
        return model(model).displayName().apply(this, env, row);
    }

    // ---- searching ----

    public List<Integer> search(Env env, String modelName, Object domain, Integer offset, Integer limit,
            String order) {
        Model model = model(modelName);
        security.checkAccess(env, model, Operation.READ);
        List<Map<String, Object>> rows = matching(env, model, DomainParser.parse(domain), true);
        rows.sort(OrderBy.comparator(this, env, model, order));
        return ids(window(rows, offset, limit));
    }

    public int searchCount(Env env, String modelName, Object domain, Integer limit) {
        Model model = model(modelName);
        security.checkAccess(env, model, Operation.READ);
        int count = matching(env, model, DomainParser.parse(domain), true).size();
        return limit == null ? count : Math.min(count, limit);
    }

    public List<Map<String, Object>> searchRead(Env env, String modelName, Object domain, List<String> fields,
            Integer offset, Integer limit, String order, boolean classic) {
        List<Integer> ids = search(env, modelName, domain, offset, limit, order);
        return read(env, modelName, ids, fields, classic);
    }

    /** Ids matching the domain, without access checks: the sub-searches of relational domain leaves. */
    public List<Integer> searchUnchecked(Env env, Model model, DomainNode domain) {
        return ids(matching(env, model, domain, false));
    }

    private List<Map<String, Object>> matching(Env env, Model model, DomainNode domain, boolean applyRules) {
        Predicate<Map<String, Object>> filter = domains.compile(env, model, domain);
        if (model.hasActiveField() && env.activeTest() && !DomainParser.mentionsActive(domain)) {
            filter = filter.and(row -> Boolean.TRUE.equals(row.get("active")));
        }
        if (applyRules) {
            filter = filter.and(security.ruleFilter(env, model, Operation.READ));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : table(model.name()).rows()) {
            if (filter.test(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    public List<List<Object>> nameSearch(Env env, String modelName, String name, Object domain, String operator,
            Integer limit) {
        Model model = model(modelName);
        security.checkAccess(env, model, Operation.READ);
        DomainNode filter = DomainParser.parse(domain);
        if (!(name.isEmpty() && (operator.equals("ilike") || operator.equals("like")))) {
            filter = new DomainNode.And(nameDomain(model, operator, name), filter);
        }
        List<Map<String, Object>> rows = matching(env, model, filter, true);
        rows.sort(OrderBy.comparator(this, env, model, null));
        List<List<Object>> result = new ArrayList<>();
        for (Map<String, Object> row : window(rows, null, limit)) {
            int id = (Integer) row.get("id");
            result.add(List.of(id, displayName(env, modelName, id)));
        }
        return result;
    }

    /** Ids whose name matches, as a many2one domain leaf given a name resolves them. */
    public List<Integer> nameSearchIds(Env env, Model model, String operator, String name) {
        return ids(matching(env, model, nameDomain(model, operator, name), false));
    }

    private static DomainNode nameDomain(Model model, String operator, String name) {
        boolean negative = operator.startsWith("not ") || operator.equals("!=");
        DomainNode result = null;
        for (String field : model.nameSearchFields()) {
            DomainNode leaf = new DomainNode.Leaf(List.of(field, operator, name), field, operator, name);
            if (result == null) {
                result = leaf;
            } else {
                result = negative ? new DomainNode.And(result, leaf) : new DomainNode.Or(result, leaf);
            }
        }
        return result == null ? new DomainNode.Constant(false) : result;
    }

    private static <T> List<T> window(List<T> rows, Integer offset, Integer limit) {
        int from = offset == null ? 0 : Math.min(Math.max(offset, 0), rows.size());
        int to = limit == null ? rows.size() : Math.min(rows.size(), from + Math.max(limit, 0));
        return rows.subList(from, to);
    }

    private static List<Integer> ids(List<Map<String, Object>> rows) {
        List<Integer> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add((Integer) row.get("id")));
        return ids;
    }

    // ---- reading ----

    /**
     * Reads the records that exist, in the order asked; missing ids are dropped silently, as Odoo 17 does.
     *
     * @param fields
     *            {@code null} or empty for all fields
     * @param classic
     *            many2one as {@code [id, name]} ({@code load='_classic_read'}) rather than a bare id
     */
    public List<Map<String, Object>> read(Env env, String modelName, List<Integer> ids, List<String> fields,
            boolean classic) {
        Model model = model(modelName);
        security.checkAccess(env, model, Operation.READ);
        List<Field> selected = selectFields(model, fields);
        Table table = table(modelName);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int id : ids) {
            Map<String, Object> row = table.row(id);
            if (row != null) {
                rows.add(row);
            }
        }
        security.checkRules(env, model, Operation.READ, rows);
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            result.add(readRow(env, model, row, selected, classic));
        }
        return result;
    }

    /** Every field of every stored record, as {@code read} would answer an administrator. */
    public List<Map<String, Object>> readAll(Env env, String modelName) {
        Model model = model(modelName);
        List<Field> all = selectFields(model, null);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> row : table(modelName).rows()) {
            result.add(readRow(env, model, row, all, true));
        }
        return result;
    }

    private Map<String, Object> readRow(Env env, Model model, Map<String, Object> row, List<Field> fields,
            boolean classic) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", row.get("id"));
        for (Field field : fields) {
            values.put(field.name(), fieldValues.read(env, model, field, row, classic));
        }
        return values;
    }

    private static List<Field> selectFields(Model model, List<String> names) {
        List<Field> selected = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            for (Field field : model.fields()) {
                if (!field.name().equals("id")) {
                    selected.add(field);
                }
            }
            return selected;
        }
        for (String name : names) {
            Field field = model.field(name).orElseThrow(() -> Errors.invalidField(model, name));
            if (!name.equals("id") && !selected.contains(field)) {
                selected.add(field);
            }
        }
        return selected;
    }

    // ---- writing ----

    /** Creates the records atomically and returns their ids, in order. */
    public List<Integer> create(Env env, String modelName, List<Map<String, Object>> valsList) {
        return creator.create(env, model(modelName), valsList, null);
    }

    /** Creates a record with a given id, for seeding data whose ids are recorded. */
    public int createWithId(Env env, String modelName, int id, Map<String, Object> vals) {
        return creator.create(env, model(modelName), List.of(vals), id).get(0);
    }

    public void write(Env env, String modelName, List<Integer> ids, Map<String, Object> vals) {
        writer.write(env, model(modelName), ids, vals);
    }

    public void unlink(Env env, String modelName, List<Integer> ids) {
        writer.unlink(env, model(modelName), ids);
    }

    public Map<String, Object> load(Env env, String modelName, Object fields, Object data) {
        return loader.load(env, model(modelName), fields, data);
    }

    // ---- describing ----

    public Map<String, Object> fieldsGet(Env env, String modelName, List<String> allFields, List<String> attributes) {
        return FieldDescriptions.describe(model(modelName), allFields, attributes);
    }

    public boolean checkAccessRights(Env env, String modelName, String operation, boolean raiseException) {
        Operation mode = Operation.fromOdooName(operation)
                .orElseThrow(() -> new OdooError("builtins.AssertionError", List.of("Invalid access mode"), 500));
        Model model = model(modelName);
        if (raiseException) {
            security.checkAccess(env, model, mode);
            return true;
        }
        return security.hasAccess(env, model, mode);
    }

    /** The next number of a named sequence ({@code ir.sequence}); like PostgreSQL's, never given back. */
    public int nextSequenceNumber(String code) {
        return database.nextSequenceNumber(code);
    }

    /** Rows sorted by the model's default order, for behaviours that pick "the first" record as Odoo does. */
    public List<Map<String, Object>> rowsInOrder(Env env, String modelName, Predicate<Map<String, Object>> filter) {
        Model model = model(modelName);
        Comparator<Map<String, Object>> order = OrderBy.comparator(this, env, model, null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : table(modelName).rows()) {
            if (filter.test(row)) {
                rows.add(row);
            }
        }
        rows.sort(order);
        return rows;
    }
}
