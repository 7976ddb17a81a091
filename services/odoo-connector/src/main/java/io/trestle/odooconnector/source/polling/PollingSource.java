package io.trestle.odooconnector.source.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.trestle.kafka.KafkaConnection;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooErrorClass;
import io.trestle.odoo.client.OdooException;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.MasterDataSource;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.SourceHealth;

/**
 * Polling mode: reads the connector's Odoo models through Odoo's API (hosted Odoo, no database access) on a
 * {@code write_date, id} cursor per model and hands what changed to a {@link ChangeHandler}, page by page; every
 * {@code polling.reconciliation} it also compares ids with Odoo's to hand over deletions (see {@link ModelSync}).
 *
 * <p>
 * Cursors, and what was handed over per record, are stored on the positions topic once the handler returned, and read
 * back at start: after a crash at most one page is handed over again (at least once). One thread polls the models in
 * turn every {@code polling.interval}. A cycle that fails (Odoo unreachable after the client's own retries, an error
 * Odoo raised, Kafka) leaves the positions where the last handed-over page put them, shows in {@link #status()}, and is
 * tried again after a backoff from one second doubling up to the interval. Field checks run at the first cycle, so an
 * Odoo that is down at start delays polling rather than the application.
 */
public final class PollingSource implements MasterDataSource {

    private static final Logger LOG = Logger.getLogger(PollingSource.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration POSITIONS_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String RATE_SETTING = "trestle.odoo-connector.rates.equipment-field";

    private final OdooClient odoo;
    private final Duration interval;
    private final Duration reconciliation;
    private final int pageSize;
    private final double maxDeletionShare;
    private final String language;
    private final Optional<String> rateField;
    private final KafkaPositions positions;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "odoo-connector-polling");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Map<OdooModel, ModelState> states = Map.of();
    private volatile PollingStatus.State state = PollingStatus.State.STARTING;
    private volatile Instant lastSuccessfulCycle;
    private volatile Instant lastReconciliation;
    private volatile PollingStatus.Failure lastFailure;
    private volatile int consecutiveFailures;
    private volatile boolean closed;

    /** Set by {@link #start}; used by the polling thread only. */
    private ChangeHandler handler;
    private Map<OdooModel, ModelSync> syncs;

    /**
     * @param odoo
     *            shared with the rest of the application; not closed by {@link #close()}
     * @param kafka
     *            the Kafka cluster holding {@code topics.positions}
     */
    public PollingSource(ConnectorConfig config, OdooClient odoo, KafkaConnection kafka) {
        this.odoo = Objects.requireNonNull(odoo, "odoo");
        ConnectorConfig.Polling polling = config.polling();
        this.interval = positive(polling.interval(), "trestle.odoo-connector.polling.interval");
        this.reconciliation = positive(polling.reconciliation(), "trestle.odoo-connector.polling.reconciliation");
        if (polling.pageSize() < 1) {
            throw new IllegalArgumentException(
                    "trestle.odoo-connector.polling.page-size must be at least 1, was " + polling.pageSize());
        }
        this.pageSize = polling.pageSize();
        this.maxDeletionShare = polling.maxDeletionShare();
        this.language = config.language();
        this.rateField = config.rates().equipmentField().filter(field -> !field.isBlank());
        this.positions = new KafkaPositions(Objects.requireNonNull(kafka, "kafka"),
                config.topics().positions());
    }

    /**
     * Reads the stored positions (creating the positions topic when missing) and starts polling in the background.
     *
     * @throws IllegalStateException
     *             when the positions cannot be read, or the source was started or closed before
     */
    @Override
    public synchronized void start(ChangeHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (closed || this.handler != null) {
            throw new IllegalStateException("a polling source starts once");
        }
        Map<OdooModel, ModelState> loaded = new EnumMap<>(OdooModel.class);
        positions.load(POSITIONS_TIMEOUT).forEach((model, stored) -> loaded.put(model, new ModelState(stored)));
        this.states = loaded;
        this.handler = handler;
        loaded.forEach((model, modelState) -> LOG.infof("Polling %s from %s", model.model(),
                modelState.cursor() == null ? "its first record" : modelState.cursor()));
        executor.execute(this::cycle);
    }

    @Override
    public SourceHealth health() {
        PollingStatus status = status();
        Map<String, Object> details = new LinkedHashMap<>();
        if (status.lastSuccessfulCycle() != null) {
            details.put("lastSuccessfulCycle", status.lastSuccessfulCycle().toString());
        }
        details.put("consecutiveFailures", status.consecutiveFailures());
        status.models().forEach((model, modelStatus) -> details.put(model.model(),
                modelStatus.known() + " known, " + modelStatus.published() + " published"
                        + (modelStatus.cursor() == null
                                ? ""
                                : ", cursor " + modelStatus.cursor().writeDate() + "/"
                                        + modelStatus.cursor().id())));
        return new SourceHealth(status.state() == PollingStatus.State.POLLING, false, status.state().name(),
                status.lastFailure() == null ? null : status.lastFailure().message(), details);
    }

    public PollingStatus status() {
        Map<OdooModel, PollingStatus.ModelStatus> models = new EnumMap<>(OdooModel.class);
        states.forEach((model, modelState) -> models.put(model, modelState.status()));
        return new PollingStatus(closed ? PollingStatus.State.CLOSED : state, lastSuccessfulCycle, lastReconciliation,
                lastFailure, consecutiveFailures, models);
    }

    /** Stops polling, waiting for a page being handed over; the positions stay as stored. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("The polling thread did not stop within %s", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            positions.close();
        }
    }

    private void cycle() {
        Duration next;
        try {
            if (syncs == null) {
                syncs = prepare();
            }
            for (ModelSync sync : syncs.values()) {
                sync.poll();
            }
            Instant started = clock.instant();
            if (lastReconciliation == null || !started.isBefore(lastReconciliation.plus(reconciliation))) {
                for (ModelSync sync : syncs.values()) {
                    sync.reconcile();
                }
                lastReconciliation = started;
            }
            lastSuccessfulCycle = clock.instant();
            consecutiveFailures = 0;
            state = PollingStatus.State.POLLING;
            next = interval;
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            int failures = consecutiveFailures + 1;
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            lastFailure = new PollingStatus.Failure(clock.instant(), message);
            consecutiveFailures = failures;
            state = PollingStatus.State.RETRYING;
            next = backoff(failures);
            if (e instanceof OdooException odooError && odooError.errorClass() == OdooErrorClass.TRANSIENT) {
                LOG.warnf("Polling Odoo failed (%d in a row), trying again in %s: %s", failures, next, message);
            } else {
                // Odoo refused, or something else broke: retrying may not help, a person should look.
                LOG.errorf(e, "Polling Odoo failed (%d in a row), trying again in %s: %s", failures, next, message);
            }
        }
        try {
            executor.schedule(this::cycle, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: there is no next cycle.
        }
    }

    private Map<OdooModel, ModelSync> prepare() {
        Map<OdooModel, ModelSync> prepared = new EnumMap<>(OdooModel.class);
        for (OdooModel model : OdooModel.values()) {
            Optional<String> extra = model == OdooModel.EQUIPMENT ? rateField : Optional.empty();
            RecordReader reader = RecordReader.check(odoo, model, extra, RATE_SETTING, language);
            prepared.put(model, new ModelSync(reader, states.get(model), positions, handler, pageSize,
                    maxDeletionShare));
        }
        return prepared;
    }

    private Duration backoff(int failures) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 30));
        return delay.compareTo(interval) < 0 ? delay : interval;
    }

    private static Duration positive(Duration value, String setting) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
        return value;
    }
}
