package io.trestle.schedule.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.StateTopic;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.publish.PublishedSchedules;
import io.trestle.schedule.publish.PublishedVersion;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.publish.VersionTooLargeException;

/**
 * The last published version of every project on a compacted topic of its own ({@link StateTopic}), as JSON in the
 * manner of Kafka Connect's offset topic: key {@code ["<source system>","<project key>"]}, value a
 * {@link PublishedVersion}. It is the connector's internal state, not an event, so it has no schema in the registry.
 * <p>
 * A large schedule's JSON runs to megabytes: values are compressed (zstd, which shrinks schedule JSON some tenfold) and
 * the producer's {@code max.request.size} and the topic's {@code max.message.bytes} are raised to the configured
 * largest version. Until the topic is read to its end {@link #ready()} is false and nothing is published. A tombstone
 * is how an operator makes the connector forget a project: its next publish is whole.
 */
public final class KafkaPublishedSchedules implements PublishedSchedules, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPublishedSchedules.class);
    /** Room for the key, the draft id and the record's framing besides the snapshot. */
    private static final int ENVELOPE = 64 * 1024;

    private record Key(String sourceSystem, String projectKey) {
    }

    private final int maxVersionBytes;
    private final StateTopic<Key, PublishedVersion, byte[]> state;

    /**
     * @param maxVersionBytes
     *            the largest snapshot JSON stored
     * @param sendTimeout
     *            how long a store may wait for the broker's metadata before it fails
     */
    public KafkaPublishedSchedules(KafkaConnection kafka, String topic, int maxVersionBytes, Duration sendTimeout) {
        this.maxVersionBytes = maxVersionBytes;
        this.state = StateTopic.builder(kafka, topic, "published versions",
                "schedule-connector-published-schedules", new Codec(), Serdes.ByteArray())
                .untilRead("nothing is published until they are").sendTimeout(sendTimeout)
                .producerConfig(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                // The producer checks the uncompressed size against this, the broker the compressed one against the
                // topic's.
                .producerConfig(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxVersionBytes + ENVELOPE)
                .producerConfig(ProducerConfig.BUFFER_MEMORY_CONFIG,
                        Math.max(32L * 1024 * 1024, 2L * (maxVersionBytes + ENVELOPE)))
                .topicConfig(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxVersionBytes + ENVELOPE))
                .checkExisting(config -> warnUnlessLargeEnough(topic, config)).build();
    }

    public void start() {
        state.start();
    }

    @Override
    public boolean ready() {
        return state.ready();
    }

    @Override
    public Optional<PublishedVersion> find(String sourceSystem, String projectKey) {
        return Optional.ofNullable(state.entries().get(new Key(sourceSystem, projectKey)));
    }

    @Override
    public int size() {
        return state.size();
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
        return state.put(new Key(snapshot.sourceSystem(), snapshot.projectKey()), version);
    }

    @Override
    public void close() throws InterruptedException {
        state.close();
    }

    /** One with a smaller message limit refuses large versions after their events were published. */
    private void warnUnlessLargeEnough(String topic, Config config) {
        if (config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG) != null
                && Long.parseLong(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()) < maxVersionBytes) {
            LOG.warnf("The published versions topic %s has max.message.bytes=%s, less than the %d of "
                    + "trestle.schedule-connector.publishing.max-version-size; large versions may be refused",
                    topic, config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value(), maxVersionBytes);
        }
    }

    private static final class Codec implements StateTopic.Codec<Key, PublishedVersion, byte[]> {

        @Override
        public String writeKey(Key key) {
            return SnapshotJson.JSON.createArrayNode().add(key.sourceSystem()).add(key.projectKey()).toString();
        }

        @Override
        public Optional<Key> readKey(String json) {
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

        @Override
        public byte[] writeValue(PublishedVersion version) {
            return SnapshotJson.bytes(version);
        }

        @Override
        public PublishedVersion readValue(byte[] json) throws IOException {
            return SnapshotJson.JSON.readValue(json, PublishedVersion.class);
        }
    }
}
