package io.trestle.odoosink.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;

/**
 * What the sink tests send to and read from Kafka. Records are read back as generic records: the tests' Kafka clients
 * live outside Quarkus' class loader.
 */
final class SinkTopics {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private SinkTopics() {
    }

    /** Sends one event and waits for the broker's acknowledgement. */
    static <V extends SpecificRecord> void send(String topic, String key, V value) {
        try (KafkaProducer<String, V> producer = TrestleStack.kafkaAndRegistry().avro().producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send the test event to " + topic, e);
        }
    }

    /** The sink's outcomes for one request id, once there are at least {@code count} of them. */
    static List<GenericRecord> awaitOutcomes(String requestId, int count) {
        List<GenericRecord> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("outcomes-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (requestId.equals(record.value().get("requestId").toString())) {
                        outcomes.add(record.value());
                    }
                });
                return outcomes.size() >= count;
            });
        }
        return outcomes;
    }

    /** The first record of the topic that matches. */
    static GenericRecord awaitRecord(String topic, Predicate<GenericRecord> matching) {
        List<GenericRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> consumer = TrestleStack.kafkaAndRegistry().avro()
                .consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record.value())) {
                        found.add(record.value());
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }
}
