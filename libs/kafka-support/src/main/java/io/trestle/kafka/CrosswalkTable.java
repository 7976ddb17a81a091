package io.trestle.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.trestle.schema.common.ExternalId;

/**
 * The active mappings of the compacted crosswalk topic ({@code CrosswalkEntry}, keyed {@code system|entityType|value}),
 * read from its beginning and followed for as long as the service runs, so a mapping saved through the crosswalk API
 * takes effect without a restart and a withdrawn one stops resolving at once.
 * <p>
 * Entries are read as generic records: the serde's specific reader finds the generated classes wrongly under Quarkus.
 */
public final class CrosswalkTable implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CrosswalkTable.class);

    private record Mapping(String canonicalType, String canonicalId) {
    }

    private final Consumer<String, GenericRecord> consumer;
    private final String topic;
    private final Map<String, Mapping> mappings = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean ready;
    private volatile boolean running = true;

    /**
     * @param consumer
     *            a consumer in no group, owned by the table from now on
     */
    public CrosswalkTable(Consumer<String, GenericRecord> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.reader = new Thread(this::follow, "crosswalk-table");
        reader.setDaemon(true);
    }

    /** A table over its own consumer, with the Avro values read through the registry; not started yet. */
    public static CrosswalkTable open(KafkaConnection kafka, RegistryConnection registry, String topic) {
        return new CrosswalkTable(new KafkaConsumer<>(TopicReads.consumerConfig(kafka), new StringDeserializer(),
                AvroKafka.genericValues(registry)), topic);
    }

    public void start() {
        reader.start();
    }

    /**
     * The canonical id an external id is actively mapped to, empty when it has no active mapping or one to another kind
     * of entity (an activity mapped to a machine is a mistake, not a machine).
     *
     * @param canonicalType
     *            the kind of entity expected: {@code project}, {@code task}, {@code cost-code}, {@code equipment},
     *            {@code crew}
     */
    public Optional<String> resolve(ExternalId external, String canonicalType) {
        Mapping mapping = mappings.get(key(external.getSystem(), external.getEntityType(), external.getValue()));
        return mapping != null && mapping.canonicalType().equals(canonicalType)
                ? Optional.of(mapping.canonicalId())
                : Optional.empty();
    }

    /** False until the topic was read to its end once: resolving earlier would refuse ids that are mapped. */
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(Duration.ofSeconds(10).toMillis());
    }

    private void follow() {
        try {
            Map<TopicPartition, Long> ends = new HashMap<>(
                    TopicReads.assignFromBeginning(consumer, topic, Duration.ofMinutes(1)));
            while (running) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record.key(), record.value());
                }
                if (!ready) {
                    ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    if (ends.isEmpty()) {
                        ready = true;
                        LOG.infof("Crosswalk %s read: %d active mapping(s)", topic, mappings.size());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() asked the reader to stop
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading the crosswalk topic %s failed; ids resolve only by the mappings read so far",
                    topic);
        } finally {
            consumer.close();
        }
    }

    private void apply(String recordKey, GenericRecord entry) {
        if (entry == null) {
            mappings.remove(recordKey);
            return;
        }
        GenericRecord external = (GenericRecord) entry.get("external");
        String key = key(String.valueOf(external.get("system")), String.valueOf(external.get("entityType")),
                String.valueOf(external.get("value")));
        if (Boolean.TRUE.equals(entry.get("active"))) {
            mappings.put(key, new Mapping(String.valueOf(entry.get("canonicalType")),
                    String.valueOf(entry.get("canonicalId"))));
        } else {
            mappings.remove(key);
        }
    }

    /** As the crosswalk topic keys its entries: the value last, so it may contain any character. */
    private static String key(String system, String entityType, String value) {
        return system + "|" + entityType + "|" + value;
    }
}
