package io.trestle.odooconnector.source.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trestle.kafka.KafkaConnection;
import io.trestle.odooconnector.source.OdooModel;

/**
 * Polling's positions on the connector's compacted positions topic, which CDC mode uses for Debezium's offsets: keys
 * under {@code polling:} are polling's, anything else is left alone.
 *
 * <ul>
 * <li>{@code polling:<model>} → the model's {@link Cursor}, {@code {"writeDate": "…Z", "id": 42}};
 * <li>{@code polling:<model>:<id>} → what was handed over for a record ({@link Seen}), a tombstone once its deletion
 * was. These are the ids reconciliation compares with Odoo's. They are kept rather than rebuilt from Odoo at start,
 * since a rebuild could not know about records deleted while the connector was down.
 * </ul>
 * Each write is acknowledged by all in-sync replicas before {@link #save} returns.
 */
final class KafkaPositions implements AutoCloseable {

    private static final String PREFIX = "polling:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One model's stored positions; {@code cursor} is null before the first record was handed over. */
    record Stored(Cursor cursor, Map<Long, Seen> seen) {
    }

    private final KafkaConnection kafka;
    private final String topic;
    private final KafkaProducer<String, String> producer;

    KafkaPositions(KafkaConnection kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "odoo-connector-polling-positions");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Creates the topic (compacted) when it is missing, then reads it to its end. */
    Map<OdooModel, Stored> load(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        createTopicIfMissing(timeout);
        Map<OdooModel, Cursor> cursors = new EnumMap<>(OdooModel.class);
        Map<OdooModel, Map<Long, Seen>> seen = new EnumMap<>(OdooModel.class);
        for (OdooModel model : OdooModel.values()) {
            seen.put(model, new HashMap<>());
        }
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "odoo-connector-polling-positions-reader");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "could not read the polling positions from " + topic + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> apply(record, cursors, seen));
            }
        }
        Map<OdooModel, Stored> stored = new EnumMap<>(OdooModel.class);
        for (OdooModel model : OdooModel.values()) {
            stored.put(model, new Stored(cursors.get(model), seen.get(model)));
        }
        return stored;
    }

    /**
     * Stores what was handed over for a model, the records' deletions and its cursor (null: unchanged); returns once
     * all of it is acknowledged.
     */
    void save(OdooModel model, Map<Long, Seen> handedOver, Collection<Long> deleted, Cursor cursor) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        handedOver.forEach((id, seen) -> sent.add(send(recordKey(model, id), seenJson(seen))));
        deleted.forEach(id -> sent.add(send(recordKey(model, id), null)));
        if (cursor != null) {
            sent.add(send(PREFIX + model.model(), cursorJson(cursor)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not store the polling positions of " + model.model() + " on "
                    + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the polling positions", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private Future<RecordMetadata> send(String key, String value) {
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    private void createTopicIfMissing(Duration timeout) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            NewTopic positions = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(positions)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the positions topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the positions topic " + topic + " within " + timeout,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the positions topic " + topic, e);
        }
    }

    /** The topic's partitions; a topic created a moment ago may not be in the consumer's metadata yet. */
    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, Instant deadline) {
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, remaining(deadline)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the positions topic " + topic + " has no partitions");
            }
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void apply(ConsumerRecord<String, String> record, Map<OdooModel, Cursor> cursors,
            Map<OdooModel, Map<Long, Seen>> seen) {
        String key = record.key();
        if (key == null || !key.startsWith(PREFIX)) {
            return;
        }
        String rest = key.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        Optional<OdooModel> model = model(colon < 0 ? rest : rest.substring(0, colon));
        if (model.isEmpty()) {
            return;
        }
        if (colon < 0) {
            // A tombstone on a cursor is how an operator makes polling read a model from its start again.
            if (record.value() == null) {
                cursors.remove(model.get());
            } else {
                cursors.put(model.get(), cursor(record.value()));
            }
            return;
        }
        long id = Long.parseLong(rest.substring(colon + 1));
        if (record.value() == null) {
            seen.get(model.get()).remove(id);
        } else {
            seen.get(model.get()).put(id, seen(record.value()));
        }
    }

    private static Optional<OdooModel> model(String name) {
        for (OdooModel model : OdooModel.values()) {
            if (model.model().equals(name)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    private static String recordKey(OdooModel model, long id) {
        return PREFIX + model.model() + ":" + id;
    }

    private static String cursorJson(Cursor cursor) {
        ObjectNode node = JSON.createObjectNode();
        node.put("writeDate", cursor.writeDate().toString());
        node.put("id", cursor.id());
        return node.toString();
    }

    private static String seenJson(Seen seen) {
        ObjectNode node = JSON.createObjectNode();
        node.put("writeDate", seen.writeDate().toString());
        node.put("fingerprint", seen.fingerprint());
        return node.toString();
    }

    private static Cursor cursor(String json) {
        JsonNode node = parse(json);
        return new Cursor(Instant.parse(node.path("writeDate").asText()), node.path("id").asLong());
    }

    private static Seen seen(String json) {
        JsonNode node = parse(json);
        return new Seen(Instant.parse(node.path("writeDate").asText()), node.path("fingerprint").asText());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable polling position: " + json, e);
        }
    }
}
