package io.trestle.kafka;

import java.time.Duration;
import java.util.Collections;
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
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A service's internal state on a compacted topic of its own, in the manner of Kafka Connect's offset topic: entries,
 * not events, so they have no schema in the registry. Keys are strings (JSON, say), values whatever the {@link Codec}
 * writes.
 * <p>
 * The topic is created (compacted, one partition) when missing and read to its end once into a map, on a thread of its
 * own that tries again until it succeeds; until then {@link #ready()} is false. This instance is the topic's only
 * writer afterwards, so it keeps the map current from its own acknowledged writes rather than following the topic. A
 * tombstone is how an operator makes the service forget an entry; a record the codec cannot read is skipped with a
 * warning.
 *
 * @param <K>
 *            an entry's key
 * @param <V>
 *            an entry's value
 * @param <R>
 *            the value as written on the topic
 */
public final class StateTopic<K, V, R> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StateTopic.class);
    /** Bounds each attempt to create and read the topic. */
    static final Duration READ_DEADLINE = Duration.ofMinutes(2);
    static final Duration RETRY = Duration.ofSeconds(10);

    /** How the entries are written on the topic. */
    public interface Codec<K, V, R> {

        String writeKey(K key);

        /** Empty when the text is not a key of this state. */
        Optional<K> readKey(String key);

        R writeValue(V value);

        /**
         * @throws Exception
         *             when the value is not one of this state's
         */
        V readValue(R value) throws Exception;
    }

    private final KafkaConnection kafka;
    private final String topic;
    private final String name;
    private final String untilRead;
    private final Codec<K, V, R> codec;
    private final Serde<R> values;
    private final Map<String, String> topicConfigs;
    private final java.util.function.Consumer<Config> existingTopicCheck;
    private final KafkaProducer<String, R> producer;
    private final Map<K, V> stored = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean ready;

    private StateTopic(Builder<K, V, R> builder) {
        this.kafka = builder.kafka;
        this.topic = builder.topic;
        this.name = builder.name;
        this.untilRead = builder.untilRead;
        this.codec = builder.codec;
        this.values = builder.values;
        this.topicConfigs = Map.copyOf(builder.topicConfigs);
        this.existingTopicCheck = builder.existingTopicCheck;
        Map<String, Object> props = kafka.clientConfig();
        props.putAll(builder.producerConfigs);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, builder.clientId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, builder.sendTimeout.toMillis());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values.serializer());
        this.reader = new Thread(this::load, name.replace(' ', '-') + "-reader");
        reader.setDaemon(true);
    }

    /**
     * @param name
     *            what the state is, plural, for messages and the reader thread: {@code poll positions}
     * @param clientId
     *            the producer's client id
     * @param values
     *            how the written values are serialized
     */
    public static <K, V, R> Builder<K, V, R> builder(KafkaConnection kafka, String topic, String name,
            String clientId, Codec<K, V, R> codec, Serde<R> values) {
        return new Builder<>(kafka, topic, name, clientId, codec, values);
    }

    public void start() {
        reader.start();
    }

    /** False until the topic was read to its end. */
    public boolean ready() {
        return ready;
    }

    /**
     * The entries read and written so far, a live unmodifiable view.
     *
     * @throws IllegalStateException
     *             when the topic is not read to its end yet
     */
    public Map<K, V> entries() {
        if (!ready) {
            throw new IllegalStateException("the " + name + " are not read from " + topic + " yet");
        }
        return Collections.unmodifiableMap(stored);
    }

    public int size() {
        return stored.size();
    }

    /**
     * Writes the entry; once the broker acknowledged it, {@link #entries()} has it too.
     *
     * @return completed when acknowledged; failed when the write failed, also when it could not be sent at all (no
     *         metadata within the send timeout, a record above {@code max.request.size}, the producer closed)
     */
    public CompletableFuture<Void> put(K key, V value) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, codec.writeKey(key), codec.writeValue(value)),
                    (metadata, error) -> {
                        if (error != null) {
                            ack.completeExceptionally(error);
                        } else {
                            stored.put(key, value);
                            ack.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
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
                try (KafkaConsumer<String, R> consumer = new KafkaConsumer<>(
                        TopicReads.consumerConfig(kafka), new StringDeserializer(),
                        values.deserializer())) {
                    awaitPartitions(consumer);
                    TopicReads.readToEnd(consumer, topic, READ_DEADLINE, this::apply);
                }
                ready = true;
                LOG.infof("The %s are read from %s: %d entries", name, topic, stored.size());
                return;
            } catch (InterruptException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading the %s from %s failed; %s. Trying again in %s", name, topic, untilRead, RETRY);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }
    }

    private void createTopicIfMissing() throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<String, String> configs = new HashMap<>(topicConfigs);
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            NewTopic state = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs);
            try {
                admin.createTopics(List.of(state)).all().get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created the compacted topic %s for the %s", topic, name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create the " + name + " topic " + topic
                            + "; create it with cleanup.policy=compact", e.getCause());
                }
                checkExisting(admin);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the " + name + " topic " + topic + " within "
                    + READ_DEADLINE, e);
        }
    }

    /** A deleting topic would lose the entries written long ago, and the service would act as if it never had them. */
    private void checkExisting(Admin admin) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config = admin.describeConfigs(List.of(resource)).all()
                    .get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).get(resource);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not check the settings of the %s topic %s: %s", name, topic, e);
            return;
        }
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
                ? ""
                : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warnf("The %s topic %s has cleanup.policy=%s; it should be compact, or entries written rarely are "
                    + "deleted with old segments", name, topic, policy);
        }
        existingTopicCheck.accept(config);
    }

    /** A topic created a moment ago may not be in the consumer's metadata yet. */
    private void awaitPartitions(KafkaConsumer<String, R> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        while (consumer.partitionsFor(topic, READ_DEADLINE).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " topic " + topic + " has no partitions");
            }
            Thread.sleep(100);
        }
    }

    private void apply(ConsumerRecord<String, R> record) {
        Optional<K> key = record.key() == null ? Optional.empty() : codec.readKey(record.key());
        if (key.isEmpty()) {
            LOG.warnf("Skipping a record of %s at offset %d whose key is not one of the %s: %s", topic,
                    record.offset(), name, record.key());
            return;
        }
        if (record.value() == null) {
            stored.remove(key.get());
            return;
        }
        try {
            stored.put(key.get(), codec.readValue(record.value()));
        } catch (Exception e) {
            // The message, not the value: a value may run to megabytes.
            LOG.warnf("Skipping a record of %s at offset %d whose value is not one of the %s: %s", topic,
                    record.offset(), name, e.getMessage());
        }
    }

    /** The settings of a state topic; those not set have the defaults named. */
    public static final class Builder<K, V, R> {

        private final KafkaConnection kafka;
        private final String topic;
        private final String name;
        private final String clientId;
        private final Codec<K, V, R> codec;
        private final Serde<R> values;
        private String untilRead = "the service waits for them";
        private Duration sendTimeout = Duration.ofMinutes(1);
        private final Map<String, String> topicConfigs = new HashMap<>();
        private final Map<String, Object> producerConfigs = new HashMap<>();
        private java.util.function.Consumer<Config> existingTopicCheck = config -> {
        };

        private Builder(KafkaConnection kafka, String topic, String name, String clientId, Codec<K, V, R> codec,
                Serde<R> values) {
            this.kafka = kafka;
            this.topic = topic;
            this.name = name;
            this.clientId = clientId;
            this.codec = codec;
            this.values = values;
        }

        /**
         * What waits while the topic cannot be read, for the error logged then; default
         * {@code the service waits for them}.
         */
        public Builder<K, V, R> untilRead(String consequence) {
            this.untilRead = consequence;
            return this;
        }

        /**
         * How long a write may wait for the broker's metadata before it fails ({@code max.block.ms}); default 1 min.
         */
        public Builder<K, V, R> sendTimeout(Duration timeout) {
            this.sendTimeout = timeout;
            return this;
        }

        /** A setting of the topic when it is created, besides {@code cleanup.policy=compact}. */
        public Builder<K, V, R> topicConfig(String key, String value) {
            topicConfigs.put(key, value);
            return this;
        }

        /**
         * A setting of the producer besides those of every state topic: bootstrap servers, client id, {@code acks=all},
         * idempotence and {@code max.block.ms}.
         */
        public Builder<K, V, R> producerConfig(String key, Object value) {
            producerConfigs.put(key, value);
            return this;
        }

        /** Checks the settings of a topic found existing, besides its cleanup policy; it logs what it finds amiss. */
        public Builder<K, V, R> checkExisting(java.util.function.Consumer<Config> check) {
            this.existingTopicCheck = check;
            return this;
        }

        /** Not started yet. */
        public StateTopic<K, V, R> build() {
            return new StateTopic<>(this);
        }
    }
}
