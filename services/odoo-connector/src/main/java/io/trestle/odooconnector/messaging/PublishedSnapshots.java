package io.trestle.odooconnector.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.mapping.MasterDataMapper;
import io.trestle.schema.avro.SpecificRecords;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

/**
 * Reads the connector's own compacted topics back at start, so the mapper remembers what was published before: the rate
 * history of every asset goes on where it stopped, and a record deleted after a restart still gets its last snapshot
 * marked deleted. Master data is small (thousands of records), so this takes seconds.
 */
public final class PublishedSnapshots {

    private static final Logger LOG = Logger.getLogger(PublishedSnapshots.class);

    private PublishedSnapshots() {
    }

    /** Reads every topic to the end it had when this started; returns how many live snapshots were remembered. */
    public static int restore(Consumer<String, GenericRecord> consumer, ConnectorConfig.Topics topics,
            MasterDataMapper mapper, Duration timeout) {
        Map<String, SpecificRecords<? extends SpecificRecord>> readers = Map.of(
                topics.projects(), SpecificRecords.of(ProjectSnapshot.class, ProjectSnapshot.getClassSchema()),
                topics.tasks(), SpecificRecords.of(ProjectTaskSnapshot.class, ProjectTaskSnapshot.getClassSchema()),
                topics.costCodes(), SpecificRecords.of(CostCodeSnapshot.class, CostCodeSnapshot.getClassSchema()),
                topics.equipment(),
                SpecificRecords.of(EquipmentAssetSnapshot.class, EquipmentAssetSnapshot.getClassSchema()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : readers.keySet()) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
        ends.entrySet().removeIf(end -> end.getValue() == 0);
        Map<String, GenericRecord> latest = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!ends.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read the published master data back within " + timeout
                        + "; still missing " + ends.keySet());
            }
            for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(500))) {
                latest.put(record.topic() + "|" + record.key(), record.value());
            }
            Set<TopicPartition> done = new HashSet<>();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (consumer.position(end.getKey()) >= end.getValue()) {
                    done.add(end.getKey());
                }
            }
            done.forEach(ends::remove);
        }
        int remembered = 0;
        for (Map.Entry<String, GenericRecord> entry : latest.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            String topic = entry.getKey().substring(0, entry.getKey().indexOf('|'));
            String key = entry.getKey().substring(topic.length() + 1);
            mapper.remember(topic, key, readers.get(topic).fromGeneric(entry.getValue()));
            remembered++;
        }
        LOG.infof("Remembered %d published master-data snapshot(s)", remembered);
        return remembered;
    }
}
