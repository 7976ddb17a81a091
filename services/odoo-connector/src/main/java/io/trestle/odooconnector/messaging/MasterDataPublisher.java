package io.trestle.odooconnector.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.micrometer.core.instrument.MeterRegistry;
import io.trestle.odooconnector.mapping.MasterDataMapper;
import io.trestle.odooconnector.mapping.Publication;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooRecord;

/**
 * Publishes what a source read as canonical snapshots and tombstones on the compacted master-data topics, and returns
 * only once the broker acknowledged every one of them, so the source may then move its position past them.
 */
public class MasterDataPublisher implements ChangeHandler {

    private final MasterDataMapper mapper;
    private final Producer<String, SpecificRecord> producer;
    private final Duration timeout;
    private final MeterRegistry registry;

    public MasterDataPublisher(MasterDataMapper mapper, Producer<String, SpecificRecord> producer, Duration timeout,
            MeterRegistry registry) {
        this.mapper = mapper;
        this.producer = producer;
        this.timeout = timeout;
        this.registry = registry;
    }

    @Override
    public void handle(List<OdooRecord> records) {
        List<Publication> publications = mapper.map(records);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Publication publication : publications) {
            acks.add(producer.send(new ProducerRecord<>(publication.topic(), publication.key(), publication.value())));
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka to acknowledge master data", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge " + publications.size()
                    + " master-data record(s); the source keeps its position and reads them again", e);
        }
        mapper.published(publications);
        for (Publication publication : publications) {
            registry.counter("trestle.odoo.connector.published", "topic", publication.topic(), "kind",
                    publication.value() == null ? "tombstone" : "snapshot").increment();
        }
    }

    /** Publishing failed; nothing after the source's last position may be considered published. */
    public static class PublishException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
