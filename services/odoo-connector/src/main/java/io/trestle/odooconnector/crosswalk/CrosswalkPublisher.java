package io.trestle.odooconnector.crosswalk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.mapping.CrosswalkKeys;
import io.trestle.odooconnector.messaging.ConnectorKafka;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.master.CrosswalkEntry;

/** Publishes the mappings people save through the API to the compacted crosswalk topic, and waits for the broker. */
@ApplicationScoped
public class CrosswalkPublisher {

    static final String SOURCE_SYSTEM = "trestle.odoo-connector";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, SpecificRecord> producer;
    private final String topic;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public CrosswalkPublisher(ConnectorKafka kafka, ConnectorConfig config) {
        this.producer = kafka.producer();
        this.topic = config.topics().crosswalk();
    }

    /** The entry as published, once Kafka acknowledged it. */
    public CrosswalkEntry publish(ExternalId external, CrosswalkMapping mapping, boolean active, String changedBy)
            throws TimeoutException, ExecutionException, InterruptedException {
        Instant now = clock.instant();
        String key = CrosswalkKeys.key(external);
        CrosswalkEntry entry = CrosswalkEntry.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes((key + "|" + now.toEpochMilli() + "|" + active)
                                .getBytes(StandardCharsets.UTF_8)))
                        .setSourceSystem(SOURCE_SYSTEM)
                        .setSourceRecordId(key)
                        .setOccurredAt(now)
                        .setIngestedAt(now)
                        .setResolvedFrom(List.of())
                        .build())
                .setExternal(external)
                .setCanonicalType(mapping.canonicalType())
                .setCanonicalId(mapping.canonicalId())
                .setCompanyId(mapping.companyId())
                .setActive(active)
                .setChangedBy(changedBy)
                .build();
        producer.send(new ProducerRecord<>(topic, key, entry)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return entry;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
