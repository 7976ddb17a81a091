package io.trestle.schedule.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.trestle.kafka.TopicReads;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.publish.PublishedSchedules;
import io.trestle.schedule.publish.PublishedVersion;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.publish.VersionTooLargeException;

/**
 * The last published version of every project on a compacted topic of its own, as JSON in the manner of Kafka Connect's
 * offset topic: key {@code ["<source system>","<project key>"]}, value a {@link PublishedVersion}. It is the
 * connector's internal state, not an event, so it has no schema in the registry.
 * <p>
 * A large schedule's JSON runs to megabytes: values are compressed (zstd, which shrinks schedule JSON some tenfold) and
 * the producer's {@code max.request.size} and the topic's {@code max.message.bytes} are raised to the configured
 * largest version. The topic is created (compacted, one partition) when missing and read to its end once, on a thread
 * of its own that tries again until it succeeds; until then {@link #ready()} is false and nothing is published. This
 * instance is the topic's only writer afterwards, so it keeps its view current from its own acknowledged writes.
 */
public final class KafkaPublishedSchedules implements PublishedSchedules, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPublishedSchedules.class);
    /** Bounds each attempt to create and read the topic. */
    static final Duration READ_DEADLINE = Duration.ofMinutes(2);
    static final Duration RETRY = Duration.ofSeconds(10);
    /** Room for the key, the draft id and the record's framing besides the snapshot. */
    private static final int ENVELOPE = 64 * 1024;

    private record Key(String sourceSystem, String projectKey) {
    }

    private final String bootstrapServers;
    private final String topic;
    private final int maxVersionBytes;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<Key, PublishedVersion> stored = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean ready;

    /**
     * @param maxVersionBytes
     *            the largest snapshot JSON stored
     * @param sendTimeout
     *            how long a store may wait for the broker's metadata before it fails
     */
    public KafkaPublishedSchedules(String bootstrapServers, String topic, int maxVersionBytes, Duration sendTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.maxVersionBytes = maxVersionBytes;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schedule-connector-published-schedules");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        // The producer checks the uncompressed size against this, the broker the compressed one against the topic's.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxVersionBytes + ENVELOPE);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * (maxVersionBytes + ENVELOPE)));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.reader = new Thread(this::load, "published-schedules-reader");
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
    public Optional<PublishedVersion> find(String sourceSystem, String projectKey) {
        if (!ready) {
            throw new IllegalStateException("the published versions are not read from " + topic + " yet");
        }
        return Optional.ofNullable(stored.get(new Key(sourceSystem, projectKey)));
    }

    @Override
    public int size() {
        return stored.size();
    }

    @Override
    public void requireStorable(ScheduleSnapshot snapshot) {
        int size = SnapshotJson.bytes(snapshot).length;
        if (size > maxVersionBytes) {
            throw new VersionTooLargeException("Project " + snapshot.projectKey() + " is " + size
                    + " bytes as JSON, more than the " + maxVersionBytes + " a published version may have "
                    + "(trestle.schedule-connector.publishing.max-version-size); nothing of it was published");
        }
    }

    @Override
    public CompletableFuture<Void> store(PublishedVersion version) {
        ScheduleSnapshot snapshot = version.snapshot();
        Key key = new Key(snapshot.sourceSystem(), snapshot.projectKey());
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, keyJson(key), SnapshotJson.bytes(version)),
                    (metadata, error) -> {
                        if (error != null) {
                            ack.completeExceptionally(error);
                        } else {
                            stored.put(key, version);
                            ack.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            // No metadata within max.block.ms, a record above max.request.size, or the producer is closed.
            ack.completeExceptionally(e);
        }
        return ack;
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
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                        TopicReads.consumerConfig(bootstrapServers), new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    awaitPartitions(consumer);
                    TopicReads.readToEnd(consumer, topic, READ_DEADLINE, this::apply);
                }
                ready = true;
                LOG.infof("Published versions read from %s: %d project(s)", topic, stored.size());
                return;
            } catch (InterruptException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading the published versions from %s failed; nothing is published until they are. "
                        + "Trying again in %s", topic, RETRY);
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
            NewTopic versions = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxVersionBytes + ENVELOPE)));
            try {
                admin.createTopics(List.of(versions)).all().get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created the compacted topic %s for the published schedule versions", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create the published versions topic " + topic
                            + "; create it with cleanup.policy=compact", e.getCause());
                }
                checkExisting(admin);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the published versions topic " + topic + " within "
                    + READ_DEADLINE, e);
        }
    }

    /**
     * A deleting topic would lose the versions of projects published long ago, and their next publish would publish
     * them whole; one with a smaller message limit refuses large versions after their events were published.
     */
    private void checkExisting(Admin admin) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config = admin.describeConfigs(List.of(resource)).all()
                    .get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).get(resource);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not check the settings of the published versions topic %s: %s", topic, e);
            return;
        }
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
                ? ""
                : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warnf("The published versions topic %s has cleanup.policy=%s; it should be compact, or versions of "
                    + "projects published rarely are deleted with old segments", topic, policy);
        }
        if (config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG) != null
                && Long.parseLong(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()) < maxVersionBytes) {
            LOG.warnf("The published versions topic %s has max.message.bytes=%s, less than the %d of "
                    + "trestle.schedule-connector.publishing.max-version-size; large versions may be refused",
                    topic, config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value(), maxVersionBytes);
        }
    }

    /** A topic created a moment ago may not be in the consumer's metadata yet. */
    private void awaitPartitions(KafkaConsumer<String, byte[]> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        while (consumer.partitionsFor(topic, READ_DEADLINE).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the published versions topic " + topic + " has no partitions");
            }
            Thread.sleep(100);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Optional<Key> key = key(record.key());
        if (key.isEmpty()) {
            LOG.warnf("Skipping a record of %s at offset %d whose key is not [sourceSystem, projectKey]: %s", topic,
                    record.offset(), record.key());
            return;
        }
        if (record.value() == null) {
            // A tombstone is how an operator makes the connector forget a project: its next publish is whole.
            stored.remove(key.get());
            return;
        }
        try {
            stored.put(key.get(), SnapshotJson.JSON.readValue(record.value(), PublishedVersion.class));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Skipping a record of %s at offset %d that is not a published version: %s", topic,
                    record.offset(), e.getMessage());
        }
    }

    private static Optional<Key> key(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode key = SnapshotJson.JSON.readTree(json);
            if (key.isArray() && key.size() == 2 && key.get(0).isTextual() && key.get(1).isTextual()) {
                return Optional.of(new Key(key.get(0).asText(), key.get(1).asText()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String keyJson(Key key) {
        return SnapshotJson.JSON.createArrayNode().add(key.sourceSystem()).add(key.projectKey()).toString();
    }
}
