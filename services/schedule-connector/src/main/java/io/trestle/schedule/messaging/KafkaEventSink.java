package io.trestle.schedule.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.publish.EventSink;
import io.trestle.schema.topic.TrestleTopic;

/**
 * One idempotent producer for every topic the connector publishes to: Avro values through the registry (topic strategy,
 * {@code <topic>-value}), acks from all in-sync replicas. Idempotence keeps the events of one key in order across
 * retries; a send blocks while the producer's buffer is full, so a large schedule is paced rather than refused.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final Map<TrestleTopic, String> topicNames;

    /**
     * @param topicNames
     *            the configured name of every topic the connector publishes to
     * @param maxBlock
     *            how long a send may wait for metadata or buffer space before it fails
     */
    public KafkaEventSink(KafkaConnection kafka, RegistryConnection registry, Map<TrestleTopic, String> topicNames,
            Duration maxBlock) {
        Map<String, Object> props = AvroKafka.producerConfig(kafka, registry);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schedule-connector-events");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        this.producer = AvroKafka.producer(props);
        this.topicNames = Map.copyOf(topicNames);
    }

    @Override
    public CompletableFuture<Void> send(List<Publication> publications) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(publications.size());
        for (Publication publication : publications) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            try {
                producer.send(new ProducerRecord<>(topicName(publication.topic()), publication.key(),
                        publication.value()), (metadata, error) -> {
                            if (error != null) {
                                ack.completeExceptionally(error);
                            } else {
                                ack.complete(null);
                            }
                        });
            } catch (RuntimeException e) {
                // No metadata or buffer space within max.block.ms, a value the serializer refused, or closed.
                ack.completeExceptionally(e);
                break;
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private String topicName(TrestleTopic topic) {
        String name = topicNames.get(topic);
        if (name == null) {
            throw new IllegalArgumentException("the schedule connector does not publish to " + topic.topicName());
        }
        return name;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
