package io.trestle.odoo.standin.rpc;

import static io.trestle.odoo.standin.rpc.PythonSignature.Parameter.optional;
import static io.trestle.odoo.standin.rpc.PythonSignature.Parameter.required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Values;
import io.trestle.odoo.standin.python.PythonRepr;

/** The model methods clients may call, with Odoo 17's signatures (Odoo 19's parameter names for JSON-2). */
final class ModelMethods {

    /** How Odoo's {@code call_kw} passes the arguments: to the model, to records (ids first), or to create. */
    enum Kind {
        MODEL,
        RECORDS,
        CREATE
    }

    @FunctionalInterface
    interface Invoker {

        Object invoke(Orm orm, Env env, String model, List<Integer> ids, Map<String, Object> arguments);
    }

    record Method(String name, Kind kind, PythonSignature signature, PythonSignature json2Signature,
            Invoker invoker) {
    }

    /** Methods every Odoo model has that the stand-in does not implement: a clear error, not "does not exist". */
    private static final Set<String> UNSUPPORTED = Set.of("copy", "default_get", "name_create", "read_group",
            "exists", "action_archive", "action_unarchive", "toggle_active", "search_fetch", "web_search_read",
            "web_read", "web_save", "get_metadata", "export_data", "onchange", "name_get");

    private static final String CLASSIC_READ = "_classic_read";

    private static final Map<String, Method> METHODS = new LinkedHashMap<>();

    static {
        add("search", Kind.MODEL, (orm, env, model, ids, a) -> orm.search(env, model, a.get("domain"),
                Values.optionalCount(a.get("offset")), Values.optionalCount(a.get("limit")), order(a.get("order"))),
                required("domain"), optional("offset", 0), optional("limit", null), optional("order", null));
        add("search_count", Kind.MODEL, (orm, env, model, ids, a) -> orm.searchCount(env, model, a.get("domain"),
                Values.optionalCount(a.get("limit"))), required("domain"), optional("limit", null));
        add("search_read", Kind.MODEL, (orm, env, model, ids, a) -> orm.searchRead(env, model, a.get("domain"),
                strings(a.get("fields")), Values.optionalCount(a.get("offset")), Values.optionalCount(a.get("limit")),
                order(a.get("order")), CLASSIC_READ.equals(a.get("load"))), optional("domain", null),
                optional("fields", null), optional("offset", 0), optional("limit", null), optional("order", null),
                optional("load", CLASSIC_READ));
        add("read", Kind.RECORDS, (orm, env, model, ids, a) -> orm.read(env, model, ids, strings(a.get("fields")),
                CLASSIC_READ.equals(a.get("load"))), optional("fields", null), optional("load", CLASSIC_READ));
        add("create", Kind.CREATE, (orm, env, model, ids, a) -> orm.create(env, model, valsList(a.get("vals_list"))),
                required("vals_list"));
        add("write", Kind.RECORDS, (orm, env, model, ids, a) -> {
            orm.write(env, model, ids, vals(a.get("vals")));
            return true;
        }, required("vals"));
        add("unlink", Kind.RECORDS, (orm, env, model, ids, a) -> {
            orm.unlink(env, model, ids);
            return true;
        });
        add("load", Kind.MODEL, (orm, env, model, ids, a) -> orm.load(env, model, a.get("fields"), a.get("data")),
                required("fields"), required("data"));
        add("fields_get", Kind.MODEL, (orm, env, model, ids, a) -> orm.fieldsGet(env, model,
                strings(a.get("allfields")), strings(a.get("attributes"))), optional("allfields", null),
                optional("attributes", null));
        add("check_access_rights", Kind.MODEL, (orm, env, model, ids, a) -> orm.checkAccessRights(env, model,
                String.valueOf(a.get("operation")), Values.truthy(a.get("raise_exception"))),
                required("operation"), optional("raise_exception", true));
        Invoker nameSearch = (orm, env, model, ids, a) -> orm.nameSearch(env, model,
                a.get("name") instanceof String name ? name : "",
                a.containsKey("args") ? a.get("args") : a.get("domain"),
                a.get("operator") instanceof String operator ? operator : "ilike",
                Values.optionalCount(a.get("limit")));
        METHODS.put("name_search", new Method("name_search", Kind.MODEL,
                new PythonSignature("BaseModel.name_search", optional("name", ""), optional("args", null),
                        optional("operator", "ilike"), optional("limit", 100)),
                new PythonSignature("BaseModel.name_search", optional("name", ""), optional("domain", null),
                        optional("operator", "ilike"), optional("limit", 100)),
                nameSearch));
    }

    private ModelMethods() {
    }

    private static void add(String name, Kind kind, Invoker invoker, PythonSignature.Parameter... parameters) {
        PythonSignature signature = new PythonSignature("BaseModel." + name, parameters);
        METHODS.put(name, new Method(name, kind, signature, signature, invoker));
    }

    static Optional<Method> find(String name) {
        return Optional.ofNullable(METHODS.get(name));
    }

    static boolean isUnsupported(String name) {
        return UNSUPPORTED.contains(name);
    }

    private static String order(Object value) {
        return value instanceof String order && !order.isBlank() ? order : null;
    }

    private static List<String> strings(Object value) {
        if (!Values.truthy(value)) {
            return null;
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (!(value instanceof List<?> list)) {
            throw OdooError.typeError("Expected a list of field names, got " + PythonRepr.repr(value));
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String name)) {
                throw OdooError.typeError("Expected a list of field names, got " + PythonRepr.repr(value));
            }
            names.add(name);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> valsList(Object value) {
        if (value instanceof Map<?, ?> single) {
            return List.of((Map<String, Object>) single);
        }
        if (value instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        throw OdooError.typeError("create() takes a dict of values or a list of dicts, not "
                + Values.pythonType(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> vals(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw OdooError.typeError("write() takes a dict of values, not " + Values.pythonType(value));
        }
        return (Map<String, Object>) map;
    }
}
