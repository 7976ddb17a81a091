package io.trestle.odooconnector.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.config.ModeSettings;
import io.trestle.odooconnector.mapping.MasterDataMapper;
import io.trestle.odooconnector.messaging.ConnectorKafka;
import io.trestle.odooconnector.messaging.MasterDataPublisher;
import io.trestle.odooconnector.messaging.PublishedSnapshots;
import io.trestle.odooconnector.source.MasterDataSource;
import io.trestle.odooconnector.source.SourceHealth;
import io.trestle.odooconnector.source.cdc.CdcSource;
import io.trestle.odooconnector.source.polling.PollingSource;

/**
 * Runs the configured source for the life of the application and publishes what it reads. A change-data-capture source
 * that failed (database gone, slot dropped) is replaced with a growing pause between attempts; it resumes after the
 * last transaction it handed over. The polling source retries by itself.
 */
@ApplicationScoped
public class OdooConnector {

    private static final Logger LOG = Logger.getLogger(OdooConnector.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FIRST_RESTART = Duration.ofSeconds(5);
    private static final Duration LONGEST_RESTART = Duration.ofMinutes(5);

    private final ConnectorConfig config;
    private final ConnectorKafka kafka;
    private final MeterRegistry registry;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "odoo-connector-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, SpecificRecord> producer;
    private OdooClient odoo;
    private MasterDataPublisher publisher;
    private volatile MasterDataSource source;
    private volatile String startProblem;
    private Duration nextRestart = FIRST_RESTART;

    @Inject
    public OdooConnector(ConnectorConfig config, ConnectorKafka kafka, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        ModeSettings.check(config);
        producer = kafka.producer();
        MasterDataMapper mapper = new MasterDataMapper(config, Clock.systemUTC());
        try (KafkaConsumer<String, GenericRecord> reader = kafka.reader()) {
            PublishedSnapshots.restore(reader, config.topics(), mapper, RESTORE_TIMEOUT);
        }
        publisher = new MasterDataPublisher(mapper, producer, PUBLISH_TIMEOUT, registry);
        LOG.infof("Odoo connector in %s mode", config.mode());
        // Off the startup thread: the first start of a source may wait on Odoo or its database.
        supervisor.execute(this::startSource);
        supervisor.scheduleWithFixedDelay(this::replaceIfFailed, 5, 5, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        supervisor.shutdownNow();
        supervisor.awaitTermination(30, TimeUnit.SECONDS);
        if (source != null) {
            source.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The source's health, or why it is not running. */
    public SourceHealth health() {
        MasterDataSource current = source;
        if (current == null) {
            return new SourceHealth(false, startProblem != null, "STARTING", startProblem, Map.of());
        }
        return current.health();
    }

    private void startSource() {
        MasterDataSource next = sourceFactory().get();
        try {
            next.start(publisher);
            source = next;
            startProblem = null;
        } catch (RuntimeException e) {
            next.close();
            startProblem = e.getMessage();
            LOG.errorf("The %s source could not start: %s; trying again in %s", config.mode(), e.getMessage(),
                    nextRestart);
            supervisor.schedule(this::startSource, nextRestart.toMillis(), TimeUnit.MILLISECONDS);
            nextRestart = longer(nextRestart);
        }
    }

    private void replaceIfFailed() {
        MasterDataSource current = source;
        if (current == null || !current.health().failed()) {
            if (current != null && current.health().ready()) {
                nextRestart = FIRST_RESTART;
            }
            return;
        }
        LOG.errorf("The %s source failed (%s); replacing it, it resumes after the last change it handed over",
                config.mode(), current.health().lastError());
        source = null;
        current.close();
        startSource();
    }

    private Supplier<MasterDataSource> sourceFactory() {
        if (config.mode() == ConnectorConfig.Mode.CDC) {
            return () -> new CdcSource(config, kafka.connection());
        }
        if (odoo == null) {
            ConnectorConfig.Odoo settings = config.odoo();
            odoo = OdooClient.create(OdooClientConfig
                    .of(settings.url().orElseThrow(), settings.database().orElseThrow(),
                            settings.login().orElseThrow(), settings.apiKey().orElseThrow())
                    .withProtocol(settings.protocol())
                    .withTimeouts(settings.connectTimeout(), settings.readTimeout()), registry);
        }
        OdooClient client = odoo;
        return () -> new PollingSource(config, client, kafka.connection());
    }

    private static Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(LONGEST_RESTART) > 0 ? LONGEST_RESTART : doubled;
    }
}
