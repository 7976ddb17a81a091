package io.trestle.equipment.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.messaging.TopicReads;

/**
 * The equipment mappings of the compacted crosswalk topic, read from its beginning and followed for as long as the
 * connector runs, so a mapping saved through the crosswalk API takes effect without a restart. Only active mappings to
 * an {@code equipment} resolve; a withdrawn one stops resolving at once.
 */
public final class CrosswalkTable implements MachineResolver, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CrosswalkTable.class);
    /** The odoo-connector publishes Odoo's own serial numbers under this system and entity type. */
    static final String ODOO_SYSTEM = "odoo";
    static final String ODOO_SERIAL = "equipment-serial";
    /** What vendors' machine ids are mapped as through the crosswalk API. */
    static final String EQUIPMENT = "equipment";

    private final Consumer<String, GenericRecord> consumer;
    private final String topic;
    private final Map<String, String> assets = new ConcurrentHashMap<>();
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

    public void start() {
        reader.start();
    }

    @Override
    public Optional<String> assetOf(String system, EquipmentIdentity machine) {
        List<String> keys = new ArrayList<>();
        if (machine.pin() != null) {
            keys.add(key(system, EQUIPMENT, machine.pin()));
        }
        if (machine.serialNumber() != null) {
            keys.add(key(system, EQUIPMENT, machine.serialNumber()));
            keys.add(key(ODOO_SYSTEM, ODOO_SERIAL, machine.serialNumber()));
        }
        if (machine.pin() != null) {
            // Many OEMs stamp the PIN as the serial number Odoo records.
            keys.add(key(ODOO_SYSTEM, ODOO_SERIAL, machine.pin()));
        }
        return keys.stream().map(assets::get).filter(asset -> asset != null).findFirst();
    }

    @Override
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
                        LOG.infof("Crosswalk read: %d equipment mapping(s) in force", assets.size());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() asked the reader to stop
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading the crosswalk topic %s failed; machines resolve only by the mappings read so far",
                    topic);
        } finally {
            consumer.close();
        }
    }

    private void apply(String recordKey, GenericRecord entry) {
        if (entry == null) {
            assets.remove(recordKey);
            return;
        }
        GenericRecord external = (GenericRecord) entry.get("external");
        String key = key(String.valueOf(external.get("system")), String.valueOf(external.get("entityType")),
                String.valueOf(external.get("value")));
        if (Boolean.TRUE.equals(entry.get("active")) && EQUIPMENT.equals(String.valueOf(entry.get("canonicalType")))) {
            assets.put(key, String.valueOf(entry.get("canonicalId")));
        } else {
            assets.remove(key);
        }
    }

    private static String key(String system, String entityType, String value) {
        return system + "|" + entityType + "|" + value;
    }
}
