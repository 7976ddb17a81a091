package io.trestle.odoo.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One Odoo database reached over JSON-RPC (Odoo 14–18) or JSON-2 (Odoo 19+), chosen by
 * {@link OdooClientConfig#protocol()}.
 *
 * <p>
 * Every method either returns what Odoo answered or throws an {@link OdooException} whose
 * {@link OdooException#errorClass()} tells the caller what to do next: only {@link OdooErrorClass#TRANSIENT} is worth
 * retrying, and the client has already retried it as far as its {@link RetryPolicy} allows. Failures Odoo reports as
 * normal results (a {@code false} login, a {@code read} that drops missing ids) are raised as exceptions too.
 *
 * <p>
 * Implementations are thread-safe; share one instance per Odoo database.
 */
public interface OdooClient extends AutoCloseable {

    /** A client that records no metrics. */
    static OdooClient create(OdooClientConfig config) {
        return DefaultOdooClient.create(config, CallMetrics.NONE, Sleeper.SYSTEM);
    }

    /** A client that records a timer per call and a retry counter in {@code registry}. */
    static OdooClient create(OdooClientConfig config, MeterRegistry registry) {
        return DefaultOdooClient.create(config, MicrometerCallMetrics.of(registry), Sleeper.SYSTEM);
    }

    /** {@code common.version}, asked once and cached; needs no credentials. */
    OdooServerVersion version();

    /** The user id of {@link OdooClientConfig#login()}; authenticates on first use. */
    long uid();

    /**
     * Any model method. {@code args} are positional as in {@code execute_kw}; over JSON-2 they are mapped to the named
     * arguments of the ORM methods this interface offers (listed in the module README), and any other method must be
     * called with named {@code kwargs} only.
     */
    JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs);

    /** {@code create} with one record; returns its id. */
    long create(String model, Map<String, ?> values);

    /**
     * {@code create} with a list of records in one call and one transaction: one bad record fails the whole call and
     * nothing is created. Returns the ids in the order of {@code values}.
     */
    List<Long> createMany(String model, List<? extends Map<String, ?>> values);

    void write(String model, List<Long> ids, Map<String, ?> values);

    void unlink(String model, List<Long> ids);

    /**
     * {@code read}; Odoo silently drops ids that do not exist, so fewer rows than ids raise an
     * {@link OdooMissingRecordException} naming the missing ids. Rows come back in Odoo's order.
     */
    List<Map<String, Object>> read(String model, List<Long> ids, List<String> fields);

    List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields, SearchOptions options);

    List<Long> search(String model, List<?> domain, SearchOptions options);

    long searchCount(String model, List<?> domain);

    /**
     * {@code load}: with an {@code id} column of external ids ({@code module.name}) an idempotent upsert. A row Odoo
     * rejects does not raise: the result has no ids and carries Odoo's per-row messages ({@link LoadResult#ok()} is
     * false), and nothing of the call was written.
     */
    LoadResult load(String model, List<String> fields, List<? extends List<?>> rows);

    /** The record id behind an external id {@code module.name}, looked up in {@code ir.model.data}. */
    Optional<Long> resolveExternalId(String externalId);

    /** {@code fields_get} limited to {@code fields} (all fields when empty). */
    Map<String, FieldInfo> fieldsGet(String model, List<String> fields);

    /** Whether the model is installed, e.g. {@code planning.slot} that only Odoo Enterprise has. */
    boolean modelExists(String model);

    @Override
    void close();
}
