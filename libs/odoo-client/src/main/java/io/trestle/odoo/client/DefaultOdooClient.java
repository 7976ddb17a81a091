package io.trestle.odoo.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/** The ORM helpers of {@link OdooClient} on top of whichever {@link Protocol} the configuration selects. */
final class DefaultOdooClient implements OdooClient {

    /** Model and method names go into the JSON-2 URL path, so they are held to what Odoo allows. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.]+");
    /** Methods that change nothing, or set the same state again when repeated. */
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("read", "search", "search_read", "search_count",
            "read_group", "fields_get", "name_search", "context_get", "check_access_rights", "write");
    private static final List<String> FIELD_ATTRIBUTES = List.of("type", "required", "relation", "selection");
    private static final List<String> EXTERNAL_ID_FIELDS = List.of("module", "name", "model", "res_id");
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private final OdooProtocol configured;
    private final CallTimer timer;
    private final JsonRpcProtocol jsonRpc;
    private final Json2Protocol json2;
    private final Object versionLock = new Object();
    private volatile OdooServerVersion version;
    private volatile boolean closed;

    private DefaultOdooClient(OdooProtocol configured, CallTimer timer, JsonRpcProtocol jsonRpc, Json2Protocol json2) {
        this.configured = configured;
        this.timer = timer;
        this.jsonRpc = jsonRpc;
        this.json2 = json2;
    }

    static OdooClient create(OdooClientConfig config, CallMetrics metrics, Sleeper sleeper) {
        return create(config, metrics, sleeper, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
    }

    /** With the randomness and time the retries use made replaceable for tests. */
    static OdooClient create(OdooClientConfig config, CallMetrics metrics, Sleeper sleeper,
            DoubleSupplier jitter, Clock clock) {
        Objects.requireNonNull(config, "config");
        OdooErrors errors = new OdooErrors(config.apiKey());
        OdooHttp http = new OdooHttp(config, errors, clock);
        Retrier retrier = new Retrier(config.retry(), sleeper, jitter, metrics);
        CallTimer timer = new CallTimer(metrics);
        return new DefaultOdooClient(config.protocol(), timer,
                new JsonRpcProtocol(config, http, errors, retrier, timer),
                new Json2Protocol(config, http, errors, retrier, timer));
    }

    @Override
    public OdooServerVersion version() {
        ensureOpen();
        OdooServerVersion known = version;
        if (known == null) {
            synchronized (versionLock) {
                if (version == null) {
                    version = configured == OdooProtocol.JSON_2 ? json2.version() : jsonRpc.version();
                }
                known = version;
            }
        }
        return known;
    }

    /** The protocol in use; AUTO asks the server once which one it speaks. */
    private OdooProtocol protocol() {
        if (configured != OdooProtocol.AUTO) {
            return configured;
        }
        return version().major() >= 19 ? OdooProtocol.JSON_2 : OdooProtocol.JSON_RPC;
    }

    private Protocol wire() {
        ensureOpen();
        return protocol() == OdooProtocol.JSON_2 ? json2 : jsonRpc;
    }

    @Override
    public long uid() {
        return wire().uid();
    }

    @Override
    public JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return timed(model, method, () -> invoke(model, method, args, kwargs, IDEMPOTENT_METHODS.contains(method)));
    }

    @Override
    public long create(String model, Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return timed(model, "create", () -> {
            JsonNode result = invoke(model, "create", List.of(values), Map.of(), false);
            // JSON-RPC answers a dict with its id; JSON-2 turns every returned recordset into a list of ids.
            return result.isArray() ? result.get(0).asLong() : result.asLong();
        });
    }

    @Override
    public List<Long> createMany(String model, List<? extends Map<String, ?>> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        return timed(model, "create", () -> ids(invoke(model, "create", List.of(values), Map.of(), false)));
    }

    @Override
    public void write(String model, List<Long> ids, Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        if (!ids.isEmpty()) {
            timed(model, "write", () -> invoke(model, "write", List.of(ids, values), Map.of(), true));
        }
    }

    @Override
    public void unlink(String model, List<Long> ids) {
        if (!ids.isEmpty()) {
            // Not idempotent for the client: a repeat after an unseen success fails with MissingError.
            timed(model, "unlink", () -> invoke(model, "unlink", List.of(ids), Map.of(), false));
        }
    }

    @Override
    public List<Map<String, Object>> read(String model, List<Long> ids, List<String> fields) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return timed(model, "read", () -> {
            List<Map<String, Object>> rows = rows(invoke(model, "read", List.of(ids), Map.of("fields", fields), true));
            Set<Long> missing = new LinkedHashSet<>(ids);
            rows.forEach(row -> missing.remove(((Number) row.get("id")).longValue()));
            if (!missing.isEmpty()) {
                // Odoo drops missing ids from a read without an error; a caller that asked for them must know.
                throw new OdooMissingRecordException(null,
                        "Records do not exist or have been deleted: " + model + " ids " + missing, model, "read",
                        List.copyOf(missing), null);
            }
            return rows;
        });
    }

    @Override
    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields,
            SearchOptions options) {
        Map<String, Object> kwargs = paging(options);
        kwargs.put("fields", fields);
        return timed(model, "search_read", () -> rows(invoke(model, "search_read", List.of(domain), kwargs, true)));
    }

    @Override
    public List<Long> search(String model, List<?> domain, SearchOptions options) {
        return timed(model, "search", () -> ids(invoke(model, "search", List.of(domain), paging(options), true)));
    }

    @Override
    public long searchCount(String model, List<?> domain) {
        return timed(model, "search_count", () -> invoke(model, "search_count", List.of(domain), Map.of(), true))
                .asLong();
    }

    @Override
    public LoadResult load(String model, List<String> fields, List<? extends List<?>> rows) {
        // With external ids in an "id" column a repeated load updates the same records instead of adding new ones.
        boolean idempotent = fields.contains("id");
        return timer.time(model, "load",
                () -> LoadResults.parse(invoke(model, "load", List.of(fields, rows), Map.of(), idempotent)),
                result -> result.ok() ? CallTimer.SUCCESS : OdooErrorClass.VALIDATION.tag());
    }

    @Override
    public Optional<Long> resolveExternalId(String externalId) {
        int dot = externalId.indexOf('.');
        if (dot <= 0 || dot == externalId.length() - 1) {
            throw new IllegalArgumentException("external id must be module.name, was " + externalId);
        }
        List<List<Object>> domain = List.of(List.of("module", "=", externalId.substring(0, dot)),
                List.of("name", "=", externalId.substring(dot + 1)));
        List<Map<String, Object>> found = searchRead("ir.model.data", domain, EXTERNAL_ID_FIELDS,
                SearchOptions.none());
        return found.stream().findFirst().map(row -> ((Number) row.get("res_id")).longValue());
    }

    @Override
    public Map<String, FieldInfo> fieldsGet(String model, List<String> fields) {
        JsonNode result = timed(model, "fields_get",
                () -> invoke(model, "fields_get", List.of(fields), Map.of("attributes", FIELD_ATTRIBUTES), true));
        Map<String, FieldInfo> infos = new LinkedHashMap<>();
        result.fields().forEachRemaining(field -> infos.put(field.getKey(), fieldInfo(field.getValue())));
        return infos;
    }

    @Override
    public boolean modelExists(String model) {
        requireName(model, "model");
        return searchCount("ir.model", List.of(List.of("model", "=", model))) > 0;
    }

    @Override
    public void close() {
        // The JDK 17 HttpClient holds no connection past an exchange with Odoo (Connection: close) and has no
        // close(); closing only stops further use.
        closed = true;
    }

    private JsonNode invoke(String model, String method, List<?> args, Map<String, ?> kwargs, boolean idempotent) {
        requireName(model, "model");
        requireName(method, "method");
        return wire().execute(model, method, Objects.requireNonNull(args, "args"),
                kwargs == null ? Map.of() : kwargs, idempotent);
    }

    private <T> T timed(String model, String method, Supplier<T> call) {
        return timer.time(model, method, call);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Odoo client is closed");
        }
    }

    private static Map<String, Object> paging(SearchOptions options) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (options.limit() != null) {
            kwargs.put("limit", options.limit());
        }
        if (options.offset() != null) {
            kwargs.put("offset", options.offset());
        }
        if (options.order() != null) {
            kwargs.put("order", options.order());
        }
        return kwargs;
    }

    private static List<Map<String, Object>> rows(JsonNode result) {
        return OdooJson.MAPPER.convertValue(result, ROWS);
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>(result.size());
        result.forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private static FieldInfo fieldInfo(JsonNode field) {
        List<List<String>> selection = new ArrayList<>();
        field.path("selection").forEach(pair -> selection.add(List.of(pair.path(0).asText(), pair.path(1).asText())));
        return new FieldInfo(field.path("type").asText(), field.path("required").asBoolean(),
                field.path("relation").textValue(), selection);
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be an Odoo technical name, was " + name);
        }
    }
}
