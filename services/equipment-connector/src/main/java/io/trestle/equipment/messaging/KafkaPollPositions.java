package io.trestle.equipment.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.service.PollPositions;
import io.trestle.kafka.TopicReads;

/**
 * The poll positions on a compacted topic of their own, as small JSON strings in the manner of Kafka Connect's offset
 * topic: key {@code ["<vendor>","<asset>","<element>"]}, value {@code {"publishedUpTo":"2024-03-04T10:14:00Z"}}. They
 * are the pollers' internal state, not events, so they have no schema in the registry.
 * <p>
 * The topic is created (compacted, one partition) when missing and read to its end once, on a thread of its own that
 * tries again until it succeeds; until then {@link #ready()} is false and polling waits. This instance is the topic's
 * only writer afterwards, so it keeps its view current from its own acknowledged writes rather than following the
 * topic.
 */
public final class KafkaPollPositions implements PollPositions, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPollPositions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds each attempt to create and read the topic. */
    static final Duration READ_DEADLINE = Duration.ofMinutes(2);
    static final Duration RETRY = Duration.ofSeconds(10);

    private record Key(String vendor, String asset, String element) {
    }

    private final String bootstrapServers;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final Map<Key, Instant> stored = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean ready;

    /**
     * @param sendTimeout
     *            how long a save may wait for the broker's metadata before it fails
     */
    public KafkaPollPositions(String bootstrapServers, String topic, Duration sendTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "equipment-connector-poll-positions",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.reader = new Thread(this::load, "poll-positions-reader");
        reader.setDaemon(true);
    }

    public void start() {
        reader.start();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public List<Position> load(String vendor) {
        if (!ready) {
            throw new IllegalStateException("the poll positions are not read from " + topic + " yet");
        }
        List<Position> positions = new ArrayList<>();
        stored.forEach((key, upTo) -> {
            if (key.vendor().equals(vendor)) {
                positions.add(new Position(key.asset(), key.element(), upTo));
            }
        });
        return positions;
    }

    @Override
    public CompletableFuture<Void> save(String vendor, List<Position> positions) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Position position : positions) {
            Key key = new Key(vendor, position.asset(), position.element());
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            try {
                producer.send(new ProducerRecord<>(topic, keyJson(key), valueJson(position.publishedUpTo())),
                        (metadata, error) -> {
                            if (error != null) {
                                ack.completeExceptionally(error);
                            } else {
                                stored.put(key, position.publishedUpTo());
                                ack.complete(null);
                            }
                        });
            } catch (RuntimeException e) {
                // No metadata within max.block.ms, or the producer is closed.
                ack.completeExceptionally(e);
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        reader.interrupt();
        reader.join(Duration.ofSeconds(10).toMillis());
        producer.close(Duration.ofSeconds(10));
    }

    private void load() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                createTopicIfMissing();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        TopicReads.consumerConfig(bootstrapServers), new StringDeserializer(),
                        new StringDeserializer())) {
                    awaitPartitions(consumer);
                    TopicReads.readToEnd(consumer, topic, READ_DEADLINE, this::apply);
                }
                ready = true;
                LOG.infof("Poll positions read from %s: %d position(s)", topic, stored.size());
                return;
            } catch (InterruptException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading the poll positions from %s failed; AEMP polling waits for them. Trying again "
                        + "in %s", topic, RETRY);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }
    }

    private void createTopicIfMissing() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic positions = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(positions)).all().get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created the compacted topic %s for the AEMP poll positions", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create the poll positions topic " + topic
                            + "; create it with cleanup.policy=compact", e.getCause());
                }
                warnUnlessCompacted(admin);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the poll positions topic " + topic + " within "
                    + READ_DEADLINE, e);
        }
    }

    /** A deleting topic would lose the positions of quiet machines, and the next restart would republish them. */
    private void warnUnlessCompacted(Admin admin) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String policy;
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
                    ? ""
                    : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not check that the poll positions topic %s is compacted: %s", topic, e);
            return;
        }
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warnf("The poll positions topic %s has cleanup.policy=%s; it should be compact, or positions of "
                    + "machines that report rarely are deleted with old segments", topic, policy);
        }
    }

    /** A topic created a moment ago may not be in the consumer's metadata yet. */
    private void awaitPartitions(KafkaConsumer<String, String> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        while (consumer.partitionsFor(topic, READ_DEADLINE).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the poll positions topic " + topic + " has no partitions");
            }
            Thread.sleep(100);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        Optional<Key> key = key(record.key());
        if (key.isEmpty()) {
            LOG.warnf("Skipping a record of %s at offset %d whose key is not [vendor, asset, element]: %s", topic,
                    record.offset(), record.key());
            return;
        }
        if (record.value() == null) {
            // A tombstone is how an operator makes a poller forget an asset's position.
            stored.remove(key.get());
            return;
        }
        try {
            stored.put(key.get(), Instant.parse(JSON.readTree(record.value()).path("publishedUpTo").asText()));
        } catch (JsonProcessingException | DateTimeParseException e) {
            LOG.warnf("Skipping a record of %s at offset %d whose value is not {\"publishedUpTo\": <instant>}: %s",
                    topic, record.offset(), record.value());
        }
    }

    private static Optional<Key> key(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode key = JSON.readTree(json);
            if (key.isArray() && key.size() == 3 && key.get(0).isTextual() && key.get(1).isTextual()
                    && key.get(2).isTextual()) {
                return Optional.of(new Key(key.get(0).asText(), key.get(1).asText(), key.get(2).asText()));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String keyJson(Key key) {
        return JSON.createArrayNode().add(key.vendor()).add(key.asset()).add(key.element()).toString();
    }

    private static String valueJson(Instant publishedUpTo) {
        return JSON.createObjectNode().put("publishedUpTo", publishedUpTo.toString()).toString();
    }
}
