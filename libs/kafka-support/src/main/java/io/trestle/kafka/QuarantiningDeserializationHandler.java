package io.trestle.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Kafka Streams' {@code deserialization.exception.handler} of the Trestle Streams services: a record whose key or value
 * cannot be deserialized (not Avro, unknown schema id, a schema the reader cannot resolve, corrupt bytes) is written to
 * the quarantine topic as {@link UnreadableRecords#REASON_CODE}, and processing continues with the next record once the
 * broker acknowledged the entry. When the entry cannot be written the application stops (FAIL) rather than lose the
 * record. A failure that is not the record's fault (the registry unreachable or refusing the service, the generated
 * classes unusable) stops the application as well, since it would befall every record alike ({@link ReaderFailures}).
 * <p>
 * Configured through the Streams configuration: {@value #TOPIC_CONFIG}, {@value #DETECTED_BY_CONFIG}, and the bootstrap
 * servers, security settings and {@code apicurio.registry.*} settings the entries are written with.
 * <p>
 * The write is not part of the Streams transaction: when the application fails between writing the entry and committing
 * the record's offset, the record is read again and its entry written again, with the same event id (detecting service,
 * topic, partition, offset), by which consumers de-duplicate.
 * <p>
 * Counted in {@value #METRIC} ({@code topic}, {@code outcome} = {@code quarantined} or {@code failed}) in Micrometer's
 * global registry, which Quarkus exports; Kafka Streams instantiates the handler, so it cannot be injected.
 */
public class QuarantiningDeserializationHandler implements DeserializationExceptionHandler {

    /** Where the entries go, e.g. {@code trestle.integration.quarantine.v1}. */
    public static final String TOPIC_CONFIG = "trestle.quarantine.topic";

    /** The service named in {@code detectedBy} and used as the entries' key, e.g. {@code telemetry-aggregator}. */
    public static final String DETECTED_BY_CONFIG = "trestle.quarantine.detected-by";

    static final String METRIC = "trestle.streams.unreadable.records";

    private static final Logger LOG = Logger.getLogger(QuarantiningDeserializationHandler.class);

    private final Function<Map<String, Object>, Producer<String, SpecificRecord>> producers;
    private final MeterRegistry meters;
    private final Clock clock;
    private String topic;
    private String detectedBy;
    private Map<String, Object> producerConfig;

    /** The handler Kafka Streams instantiates. */
    /**
     * The Kafka Streams settings that install this handler, as the services' {@code application.properties} set them
     * through {@code kafka-streams.*}: for an application built by hand (a test on a real broker).
     */
    public static Map<String, Object> streamsConfig(String quarantineTopic, String detectedBy,
            RegistryConnection registry) {
        Map<String, Object> config = new HashMap<>(registry.serdeConfig());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                QuarantiningDeserializationHandler.class.getName());
        config.put(TOPIC_CONFIG, quarantineTopic);
        config.put(DETECTED_BY_CONFIG, detectedBy);
        return config;
    }

    public QuarantiningDeserializationHandler() {
        this(QuarantineProducers::shared, Metrics.globalRegistry, Clock.systemUTC());
    }

    QuarantiningDeserializationHandler(Function<Map<String, Object>, Producer<String, SpecificRecord>> producers,
            MeterRegistry meters, Clock clock) {
        this.producers = producers;
        this.meters = meters;
        this.clock = clock;
    }

    /** Checks the settings; the producer is only made when the first unreadable record needs it. */
    @Override
    public void configure(Map<String, ?> configs) {
        topic = required(configs, TOPIC_CONFIG);
        detectedBy = required(configs, DETECTED_BY_CONFIG);
        try {
            producerConfig = QuarantineProducers.config(configs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Quarantine of unreadable records cannot be configured: " + e.getMessage());
        }
    }

    private static String required(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "the quarantine of unreadable records needs it in the Kafka"
                    + " Streams configuration (kafka-streams." + name + ")");
        }
        return value.toString();
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        Optional<String> readerFault = ReaderFailures.readerFault(exception);
        if (readerFault.isPresent()) {
            LOG.errorf(exception, "Record %s could not be deserialized because %s, not because of the record;"
                    + " stopping so that it is read again once that is fixed", source, readerFault.get());
            count(record, "failed");
            return DeserializationHandlerResponse.FAIL;
        }
        try {
            QuarantinedEvent entry = UnreadableRecords.entry(detectedBy, record, exception, clock.instant());
            producers.apply(producerConfig).send(new ProducerRecord<>(topic, detectedBy, entry))
                    .get(QuarantineProducers.DELIVERY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            LOG.warnf("Quarantined unreadable record %s on %s as %s (event id %s): %s", source, topic,
                    UnreadableRecords.REASON_CODE, entry.getMetadata().getEventId(), entry.getMessage());
            count(record, "quarantined");
            return DeserializationHandlerResponse.CONTINUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(record, source, e);
        } catch (ExecutionException e) {
            return failed(record, source, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return failed(record, source, e);
        }
    }

    private DeserializationHandlerResponse failed(ConsumerRecord<byte[], byte[]> record, String source,
            Throwable writeError) {
        LOG.errorf(writeError, "Record %s could not be deserialized and its quarantine entry could not be written to"
                + " %s; stopping rather than skipping it", source, topic);
        count(record, "failed");
        return DeserializationHandlerResponse.FAIL;
    }

    private void count(ConsumerRecord<byte[], byte[]> record, String outcome) {
        meters.counter(METRIC, "topic", record.topic(), "outcome", outcome).increment();
    }
}
