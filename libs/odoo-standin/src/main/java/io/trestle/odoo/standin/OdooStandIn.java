package io.trestle.odoo.standin;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.trestle.odoo.standin.catalog.Catalog;
import io.trestle.odoo.standin.catalog.InitialData;
import io.trestle.odoo.standin.control.CallLog;
import io.trestle.odoo.standin.control.CountingObserver;
import io.trestle.odoo.standin.control.FaultState;
import io.trestle.odoo.standin.http.ControlTarget;
import io.trestle.odoo.standin.http.HttpBackend;
import io.trestle.odoo.standin.http.StandInHttpServer;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;
import io.trestle.odoo.standin.orm.Transaction;
import io.trestle.odoo.standin.rpc.OdooServices;
import io.trestle.odoo.standin.security.Credentials;

/**
 * An in-memory stand-in for an Odoo 17.0 server, speaking its JSON-RPC protocol (and Odoo 19's JSON-2) as the recorded
 * server does, with test controls for outages. Thread-safe; each call is atomic.
 *
 * <pre>
 * try (OdooStandIn odoo = OdooStandIn.start(OdooStandInOptions.defaults())) {
 *     client = new OdooClient(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey());
 *     odoo.faults().refuseConnections(Duration.ofSeconds(20));
 *     assertThat(odoo.records("account.analytic.line")).hasSize(3);
 * }
 * </pre>
 */
public final class OdooStandIn implements AutoCloseable {

    private static final int ADMIN_UID = 2;
    private static final String ADMIN_LOGIN = "admin";
    private static final String ADMIN_PASSWORD = "admin";

    private final OdooStandInOptions options;
    private final Database database;
    private final Orm orm;
    private final CallLog log = new CallLog();
    private final FaultState faultState = new FaultState();
    private final StandInHttpServer server;
    private final Faults faults;

    private OdooStandIn(OdooStandInOptions options) {
        this.options = options;
        this.database = new Database(Catalog.registry(options.enterprisePlanning()));
        this.orm = new Orm(database);
        seed();
        Credentials credentials = new Credentials(database, Map.of(options.adminApiKey(), ADMIN_UID));
        OdooServices services = new OdooServices(database, orm, credentials, options.database(), options.clock(),
                new CountingObserver(log, faultState));
        this.server = StandInHttpServer.start(options.host(), options.port(),
                new HttpBackend(services, credentials, database, orm.security(), new Controls()), faultState, log,
                options.latency(), port -> url(options.host(), port));
        this.faults = new Faults(server, faultState);
    }

    /** Starts a stand-in with a fresh database and listens; fails if the address cannot be bound. */
    public static OdooStandIn start(OdooStandInOptions options) {
        return new OdooStandIn(options);
    }

    /** Where clients reach it: {@code http://127.0.0.1:<port>} (a wildcard host is reached on the loopback). */
    public URI url() {
        return url(options.host(), server.port());
    }

    private static URI url(String host, int port) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + reachable + ":" + port);
    }

    public String database() {
        return options.database();
    }

    /** {@code admin}, uid 2. */
    public String adminLogin() {
        return ADMIN_LOGIN;
    }

    /** 2, as recorded. */
    public int adminUid() {
        return ADMIN_UID;
    }

    /** {@code admin}, as recorded. */
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    public String adminApiKey() {
        return options.adminApiKey();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Every record of the model, archived ones included, as {@code read} with all fields answers the admin: many2one as
     * {@code List.of(id, "display name")} or {@code false}, x2many as id lists, empty values as Odoo reads them.
     *
     * @throws IllegalArgumentException
     *             for a model the stand-in does not serve
     */
    public List<Map<String, Object>> records(String model) {
        requireModel(model);
        return database.inTransaction(tx -> orm.readAll(adminEnv(tx), model));
    }

    /**
     * Creates a record as the admin through the same validation as an RPC {@code create}, for test setup.
     *
     * @return its id
     * @throws io.trestle.odoo.standin.error.OdooError
     *             as the RPC call would fail
     */
    public int seed(String model, Map<String, Object> values) {
        requireModel(model);
        return database.inTransaction(tx -> orm.create(adminEnv(tx), model, List.of(values)).get(0));
    }

    /**
     * How many calls of the method on the model were received, whatever their outcome. Service calls count under the
     * service: {@code callCount("common", "authenticate")}; web logins as {@code ("web", "authenticate")}.
     */
    public long callCount(String model, String method) {
        return log.count(model, method);
    }

    /** Model (or service) → method → calls received. */
    public Map<String, Map<String, Long>> callCounts() {
        return log.counts();
    }

    /** The most recent requests answered (test controls excluded), oldest first. */
    public List<LoggedRequest> requests() {
        return log.requests();
    }

    /** Back to a fresh database, with no faults, counts, logged requests or web sessions. */
    public void reset() {
        faults.clear();
        seed();
        server.clearSessions();
        log.clear();
    }

    /** Stops listening and releases the port. */
    @Override
    public void close() {
        server.close();
    }

    private void seed() {
        database.inTransaction(tx -> {
            database.reset();
            InitialData.load(orm, adminEnv(tx), ADMIN_PASSWORD);
            return null;
        });
    }

    private Env adminEnv(Transaction tx) {
        return new Env(ADMIN_UID, Map.of(), LocalDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC), tx);
    }

    private void requireModel(String model) {
        if (orm.registry().find(model).isEmpty()) {
            throw new IllegalArgumentException("The Odoo stand-in has no model '" + model + "'; it serves "
                    + orm.registry().all().stream().map(Model::name).collect(Collectors.joining(", ")));
        }
    }

    /** The test controls as the {@code /__standin} endpoints reach them. */
    private final class Controls implements ControlTarget {

        @Override
        public void refuseConnections(Duration period) {
            faults.refuseConnections(period);
        }

        @Override
        public void respond503(Duration period, Optional<Duration> retryAfter) {
            if (period == null) {
                faults.respond503UntilCleared(retryAfter);
            } else {
                faults.respond503(period, retryAfter);
            }
        }

        @Override
        public void delayEachCall(Duration delay) {
            faults.delayEachCall(delay);
        }

        @Override
        public void serializationFailures(int nextCalls, String model, String method) {
            faults.serializationFailures(nextCalls, model, method);
        }

        @Override
        public void clearFaults() {
            faults.clear();
        }

        @Override
        public Optional<List<Map<String, Object>>> records(String model) {
            return orm.registry().find(model).map(found -> OdooStandIn.this.records(model));
        }

        @Override
        public Map<String, Map<String, Long>> callCounts() {
            return OdooStandIn.this.callCounts();
        }

        @Override
        public List<LoggedRequest> requests() {
            return OdooStandIn.this.requests();
        }

        @Override
        public void reset() {
            OdooStandIn.this.reset();
        }
    }
}
