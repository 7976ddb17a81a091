package io.trestle.odooconnector.source.cdc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.ObjectName;

import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import io.trestle.kafka.KafkaConnection;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.MasterDataSource;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.SourceHealth;
import io.trestle.odooconnector.source.cdc.CdcStatus.Phase;

/**
 * Change-data-capture of Odoo's project, task, analytic account and equipment tables: Debezium's embedded PostgreSQL
 * connector ({@code pgoutput}) reads the existing rows once, then streams every committed transaction, and the
 * {@link ChangeHandler} receives the final state of each record once per transaction.
 *
 * <p>
 * Positions are Debezium offsets kept in Kafka, on the compacted topic {@code topics().positions()}; they are committed
 * only after the handler returned for a transaction, so a restart resumes after the last transaction handed over.
 * {@link #start} checks the database first and throws {@link CdcSetupException} when it cannot be captured.
 *
 * <p>
 * A source starts once. After a failure ({@link Phase#FAILED}), close it and start a new one: it resumes after the last
 * transaction handed over.
 */
public final class CdcSource implements MasterDataSource {

    private static final Logger LOG = Logger.getLogger(CdcSource.class);
    /* Long enough for a hand-over in progress to publish and commit; close() then stops waiting. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectorConfig config;
    private final KafkaConnection kafka;

    private final CountDownLatch tasksStartedOrFinished = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Phase phase = Phase.STARTING;
    private volatile boolean polling;
    private volatile boolean closing;
    private volatile String lastError;
    private volatile Instant lastTransaction;

    private boolean started;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService runner;
    private TransactionBuffer buffer;
    private LookupQueries lookups;

    /**
     * @param kafka
     *            the Kafka cluster holding the positions topic
     */
    public CdcSource(ConnectorConfig config, KafkaConnection kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /**
     * Checks Odoo's PostgreSQL, creates or completes the publication, and starts Debezium in the background; returns
     * once it runs. Transactions then reach the handler on Debezium's thread, one call at a time.
     *
     * @throws CdcSetupException
     *             when the database cannot be captured as configured (wal_level, rights, tables, slot)
     */
    @Override
    public synchronized void start(ChangeHandler handler) {
        if (started) {
            throw new IllegalStateException("A CdcSource starts once; create a new one to start again");
        }
        started = true;
        ConnectorConfig.Cdc cdc = config.cdc();
        try {
            PostgresTarget target = PostgresTarget.from(cdc);
            CapturedColumns columns = new CapturedColumns(config.rates().equipmentField());
            new DatabaseCheck(target, cdc.slot(), cdc.publication(), columns).run();

            Translations translations = new Translations(config.language());
            RowMapper mapper = new RowMapper(columns, translations);
            lookups = new LookupQueries(target, mapper, translations);
            Map<String, OdooModel> modelsByTopic = Stream.of(OdooModel.values())
                    .collect(Collectors.toMap(model -> EngineProperties.dataTopic(cdc, model), Function.identity()));
            buffer = new TransactionBuffer(modelsByTopic, EngineProperties.transactionTopic(cdc), mapper, lookups,
                    handler, committedAt -> lastTransaction = committedAt);
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(EngineProperties.of(config, target, columns, kafka))
                    .using(OffsetCommitPolicy.always())
                    .using(new Callbacks())
                    .using(this::finished)
                    .notifying(buffer)
                    .build();
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            phase = Phase.FAILED;
            throw e;
        }
        runner = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "trestle-odoo-cdc"));
        runner.execute(engine);
        LOG.infof("Change-data-capture started on slot %s", cdc.slot());
    }

    @Override
    public SourceHealth health() {
        CdcStatus status = status();
        Map<String, Object> details = new LinkedHashMap<>();
        status.lastTransaction().ifPresent(at -> details.put("lastTransaction", at.toString()));
        return new SourceHealth(
                status.phase() == CdcStatus.Phase.SNAPSHOTTING || status.phase() == CdcStatus.Phase.STREAMING
                        || status.phase() == CdcStatus.Phase.RUNNING,
                status.phase() == CdcStatus.Phase.FAILED, status.phase().name(), status.lastError().orElse(null),
                details);
    }

    public CdcStatus status() {
        Phase current = phase;
        if (current == Phase.STARTING && polling) {
            current = livePhase();
        }
        return new CdcStatus(current, Optional.ofNullable(lastError), Optional.ofNullable(lastTransaction));
    }

    /**
     * Lets a hand-over in progress finish and commit, then stops Debezium. Transactions not handed over yet are handed
     * over by the next source started with the same positions topic.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        if (engine != null) {
            try {
                if (!buffer.stop(STOP_TIMEOUT)) {
                    LOG.warnf("A hand-over was still running after %s; stopping anyway, it is handed over again on "
                            + "the next start", STOP_TIMEOUT);
                }
                // Debezium refuses to close while its tasks start (they open connections): wait for that to end.
                tasksStartedOrFinished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (finished.getCount() > 0) {
                    engine.close();
                }
                if (!finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("Debezium did not stop within %s", STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | IllegalStateException e) {
                // IllegalStateException: the engine stopped on its own meanwhile (a failure), nothing left to close.
                LOG.debugf(e, "Closing Debezium");
            }
            runner.shutdownNow();
            lookups.close();
        }
        if (phase != Phase.FAILED) {
            phase = Phase.STOPPED;
        }
    }

    private void finished(boolean success, String message, Throwable error) {
        if (!closing || !success) {
            lastError = error == null ? message : rootCause(error).toString();
            phase = Phase.FAILED;
            LOG.errorf(error, "Change-data-capture stopped: %s", message);
        }
        polling = false;
        tasksStartedOrFinished.countDown();
        finished.countDown();
    }

    /* Debezium's own metrics know whether the snapshot or the stream is running. */
    private Phase livePhase() {
        if (metric("snapshot", "SnapshotRunning")) {
            return Phase.SNAPSHOTTING;
        }
        if (metric("streaming", "Connected")) {
            return Phase.STREAMING;
        }
        return Phase.RUNNING;
    }

    private boolean metric(String context, String attribute) {
        try {
            ObjectName name = new ObjectName("debezium.postgres:type=connector-metrics,context=" + context + ",server="
                    + EngineProperties.topicPrefix(config.cdc()));
            return Boolean.TRUE.equals(ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute));
        } catch (JMException e) {
            // Not registered (yet, or no longer): the caller falls back to RUNNING.
            return false;
        }
    }

    /* Debezium wraps the handler's or the connector's exception in its own, which say less. */
    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private final class Callbacks implements DebeziumEngine.ConnectorCallback {

        @Override
        public void pollingStarted() {
            polling = true;
            tasksStartedOrFinished.countDown();
        }

        @Override
        public void pollingStopped() {
            polling = false;
        }
    }
}
