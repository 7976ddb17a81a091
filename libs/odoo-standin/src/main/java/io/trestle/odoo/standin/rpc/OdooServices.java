package io.trestle.odoo.standin.rpc;

import static io.trestle.odoo.standin.rpc.PythonSignature.Parameter.optional;
import static io.trestle.odoo.standin.rpc.PythonSignature.Parameter.required;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Transaction;
import io.trestle.odoo.standin.orm.Values;
import io.trestle.odoo.standin.python.PythonRepr;
import io.trestle.odoo.standin.security.Credentials;

/**
 * Odoo's RPC services behind the transports: {@code common}, {@code db} and {@code object} for JSON-RPC, the web
 * client's {@code call_kw}, and Odoo 19's JSON-2 calls. Each model call runs in its own transaction.
 */
public final class OdooServices {

    /** The recorded server's version, answered exactly as recorded. */
    public static final String SERVER_VERSION = "17.0-20240709";

    private static final PythonSignature LOGIN = new PythonSignature("exp_login", required("db"), required("login"),
            required("password"));
    private static final PythonSignature AUTHENTICATE = new PythonSignature("exp_authenticate", required("db"),
            required("login"), required("password"), required("user_agent_env"));
    private static final PythonSignature EXECUTE_KW = new PythonSignature("execute_kw", required("obj"),
            required("method"), required("args"), optional("kw", null));
    private static final PythonSignature JSONRPC = new PythonSignature("RPC.jsonrpc", required("service"),
            required("method"), required("args"));
    private static final PythonSignature WEB_AUTHENTICATE = new PythonSignature("Session.authenticate",
            required("db"), required("login"), required("password"), optional("base_location", null));
    private static final PythonSignature WEB_CALL_KW = new PythonSignature("DataSet.call_kw", required("model"),
            required("method"), required("args"), required("kwargs"), optional("path", null));
    private static final Set<String> MASTER_PASSWORD_METHODS = Set.of("create_database", "duplicate_database", "drop",
            "dump", "restore", "rename", "change_admin_password", "migrate_databases");

    private final Database database;
    private final Orm orm;
    private final Credentials credentials;
    private final String databaseName;
    private final Clock clock;
    private final CallObserver observer;

    public OdooServices(Database database, Orm orm, Credentials credentials, String databaseName, Clock clock,
            CallObserver observer) {
        this.database = database;
        this.orm = orm;
        this.credentials = credentials;
        this.databaseName = databaseName;
        this.clock = clock;
        this.observer = observer;
    }

    public String databaseName() {
        return databaseName;
    }

    public static Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("server_version", SERVER_VERSION);
        version.put("server_version_info", List.of(17, 0, 0, "final", 0, ""));
        version.put("server_serie", "17.0");
        version.put("protocol_version", 1);
        return version;
    }

    /** The params of a {@code /jsonrpc} request; unknown keys are dropped, as Odoo's route wrapper drops them. */
    public Object jsonrpc(Map<String, Object> params) {
        Map<String, Object> bound = JSONRPC.bindCall(List.of(), known(params, JSONRPC), 1);
        return dispatch(string(bound.get("service")), string(bound.get("method")), bound.get("args"));
    }

    /** The uid a {@code /web/session/authenticate} request logs in, or AccessDenied. */
    public int webAuthenticate(Map<String, Object> params) {
        Map<String, Object> bound = WEB_AUTHENTICATE.bindCall(List.of(), known(params, WEB_AUTHENTICATE), 1);
        observer.serviceCall("web", "authenticate");
        if (!databaseName.equals(bound.get("db"))) {
            throw OdooError.accessError("Database not found.");
        }
        return login(databaseName, bound.get("login"), bound.get("password"))
                .orElseThrow(OdooError::accessDenied);
    }

    /** The params of a {@code /web/dataset/call_kw} request in a session of {@code uid}. */
    public Object webCallKw(int uid, Map<String, Object> params) {
        Map<String, Object> bound = WEB_CALL_KW.bindCall(List.of(), known(params, WEB_CALL_KW), 1);
        return callKw(uid, string(bound.get("model")), string(bound.get("method")), bound.get("args"),
                bound.get("kwargs"));
    }

    private static Map<String, Object> known(Map<String, Object> params, PythonSignature signature) {
        Map<String, Object> known = new LinkedHashMap<>();
        for (PythonSignature.Parameter parameter : signature.parameters()) {
            if (params.containsKey(parameter.name())) {
                known.put(parameter.name(), params.get(parameter.name()));
            }
        }
        return known;
    }

    /** A {@code /jsonrpc} call: {@code dispatch_rpc(service, method, args)}. */
    private Object dispatch(String service, String method, Object arguments) {
        List<Object> args = arguments instanceof List<?> list ? new ArrayList<>(list) : List.of();
        return switch (service) {
            case "common" -> common(method, args);
            case "db" -> db(method, args);
            case "object" -> object(method, args);
            default -> throw OdooError.keyError(service);
        };
    }

    private Object common(String method, List<Object> args) {
        observer.serviceCall("common", method);
        switch (method) {
            case "version" :
                return version();
            case "login" : {
                Map<String, Object> bound = LOGIN.bindCall(args, Map.of(), 0);
                return login(string(bound.get("db")), bound.get("login"), bound.get("password"))
                        .<Object>map(uid -> uid).orElse(false);
            }
            case "authenticate" : {
                Map<String, Object> bound = AUTHENTICATE.bindCall(args, Map.of(), 0);
                return login(string(bound.get("db")), bound.get("login"), bound.get("password"))
                        .<Object>map(uid -> uid).orElse(false);
            }
            default :
                throw OdooError.keyError("exp_" + method);
        }
    }

    /** The uid for a login and password or API key, if they match; an unknown database fails as in Odoo. */
    private Optional<Integer> login(String db, Object login, Object secret) {
        checkDatabase(db);
        if (!(login instanceof String name) || !(secret instanceof String password)) {
            return Optional.empty();
        }
        return database.locked(() -> credentials.login(name, password));
    }

    private Object db(String method, List<Object> args) {
        observer.serviceCall("db", method);
        if (method.equals("list")) {
            return List.of(databaseName);
        }
        if (method.equals("server_version")) {
            return SERVER_VERSION;
        }
        if (method.equals("db_exist")) {
            return databaseName.equals(argument(args, 0));
        }
        if (MASTER_PASSWORD_METHODS.contains(method)) {
            throw OdooError.accessDenied();
        }
        throw OdooError.keyError("exp_" + method);
    }

    private Object object(String method, List<Object> params) {
        if (params.size() > 4 && params.get(3) instanceof String model && params.get(4) instanceof String name) {
            observer.modelCallReceived(model, name);
        }
        String db = string(argument(params, 0));
        int uid = Values.pythonInt(argument(params, 1));
        Object password = argument(params, 2);
        checkDatabase(db);
        boolean authenticated = database
                .locked(() -> password instanceof String secret && credentials.check(uid, secret));
        if (!authenticated) {
            throw OdooError.accessDenied();
        }
        List<Object> rest = params.subList(3, params.size());
        if (method.equals("execute_kw")) {
            Map<String, Object> bound = EXECUTE_KW.bindCall(rest, Map.of(), 2);
            if (!(bound.get("args") instanceof List<?> args)) {
                throw OdooError.typeError("execute_kw() argument after * must be an iterable, not "
                        + Values.pythonType(bound.get("args")));
            }
            Object kw = bound.get("kw");
            if (kw != null && !(kw instanceof Map)) {
                throw OdooError.typeError("execute_kw() argument after ** must be a mapping, not "
                        + Values.pythonType(kw));
            }
            return callModel(uid, string(bound.get("obj")), string(bound.get("method")), new ArrayList<>(args),
                    kwargs(kw), false);
        }
        if (method.equals("execute")) {
            if (rest.size() < 2) {
                throw OdooError.typeError("execute() missing " + (2 - rest.size())
                        + " required positional argument" + (rest.size() == 1 ? "" : "s"));
            }
            return callModel(uid, string(rest.get(0)), string(rest.get(1)), new ArrayList<>(rest.subList(2,
                    rest.size())), new LinkedHashMap<>(), false);
        }
        throw OdooError.nameError("Method not available " + method);
    }

    private Object callKw(int uid, String model, String method, Object args, Object kwargs) {
        observer.modelCallReceived(model, method);
        List<Object> positional = args instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        return callModel(uid, model, method, positional, kwargs(kwargs), true);
    }

    private Object callModel(int uid, String modelName, String methodName, List<Object> args,
            Map<String, Object> kwargs, boolean webClient) {
        if (methodName.startsWith("_")) {
            throw privateMethod(methodName);
        }
        return database.inTransaction(tx -> {
            Optional<Model> model = orm.registry().find(modelName);
            if (model.isEmpty()) {
                throw webClient
                        ? OdooError.keyError(modelName)
                        : OdooError.userError("Object " + modelName + " doesn't exist");
            }
            ModelMethods.Method method = method(modelName, methodName)
                    .orElseThrow(() -> OdooError.attributeError(noSuchMethod(modelName, methodName)));
            Env env = env(uid, kwargs.remove("context"), tx);
            observer.beforeModelCall(modelName, methodName);
            return switch (method.kind()) {
                case RECORDS -> {
                    if (args.isEmpty()) {
                        throw OdooError.indexError("list index out of range");
                    }
                    List<Integer> ids = Values.ids(args.get(0));
                    Map<String, Object> bound = method.signature().bindCall(args.subList(1, args.size()), kwargs, 1);
                    yield method.invoker().invoke(orm, env, modelName, ids, bound);
                }
                case CREATE -> {
                    Map<String, Object> bound = method.signature().bindCall(args, kwargs, 1);
                    @SuppressWarnings("unchecked")
                    List<Integer> ids = (List<Integer>) method.invoker().invoke(orm, env, modelName, List.of(), bound);
                    yield bound.get("vals_list") instanceof Map ? ids.get(0) : ids;
                }
                case MODEL -> method.invoker().invoke(orm, env, modelName, List.of(),
                        method.signature().bindCall(args, kwargs, 1));
            };
        });
    }

    /**
     * An Odoo 19 JSON-2 call: named arguments in the body, {@code ids} for record methods, werkzeug HTTP errors for
     * unknown models and methods and for arguments that do not bind.
     */
    public Object callJson2(int uid, String modelName, String methodName, Map<String, Object> body) {
        Map<String, Object> arguments = new LinkedHashMap<>(body);
        Object idsValue = arguments.remove("ids");
        Object context = arguments.remove("context");
        observer.modelCallReceived(modelName, methodName);
        return database.inTransaction(tx -> {
            if (orm.registry().find(modelName).isEmpty()) {
                throw OdooError.http("NotFound", 404, "the model " + PythonRepr.repr(modelName) + " does not exist");
            }
            if (methodName.startsWith("_")) {
                throw privateMethod(methodName);
            }
            ModelMethods.Method method = method(modelName, methodName)
                    .orElseThrow(() -> OdooError.http("NotFound", 404, noSuchMethod(modelName, methodName)));
            List<Integer> ids = Values.ids(idsValue);
            if (method.kind() != ModelMethods.Kind.RECORDS && !ids.isEmpty()) {
                throw OdooError.http("UnprocessableEntity", 422,
                        "cannot call " + modelName + "." + methodName + " with ids");
            }
            Map<String, Object> bound = method.json2Signature().bindNamed(arguments);
            Env env = env(uid, context, tx);
            observer.beforeModelCall(modelName, methodName);
            return method.invoker().invoke(orm, env, modelName, ids, bound);
        });
    }

    private static Optional<ModelMethods.Method> method(String model, String method) {
        Optional<ModelMethods.Method> found = ModelMethods.find(method);
        if (found.isEmpty() && ModelMethods.isUnsupported(method)) {
            throw OdooError.notImplemented("The Odoo stand-in does not implement " + model + "." + method
                    + " (Odoo has it); see libs/odoo-standin/README.md");
        }
        return found;
    }

    private static String noSuchMethod(String model, String method) {
        return "The method '" + method + "' does not exist on the model '" + model + "'";
    }

    private static OdooError privateMethod(String method) {
        return OdooError.accessError("Private methods (such as " + method + ") cannot be called remotely.");
    }

    @SuppressWarnings("unchecked")
    private Env env(int uid, Object context, Transaction tx) {
        Map<String, Object> values = context instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        return new Env(uid, values, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), tx);
    }

    private void checkDatabase(String db) {
        if (!databaseName.equals(db)) {
            throw OdooError.unknownDatabase(db);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kwargs(Object kwargs) {
        return kwargs instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private static Object argument(List<Object> params, int index) {
        if (index >= params.size()) {
            throw OdooError.indexError("list index out of range");
        }
        return params.get(index);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : PythonRepr.repr(value);
    }
}
