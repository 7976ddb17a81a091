package io.trestle.schedule.export.messaging;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.trestle.schedule.export.config.PlannerExportConfig;
import io.trestle.schedule.export.structure.ProjectStructure;
import io.trestle.schedule.export.structure.StructureChange;
import io.trestle.schema.avro.SpecificRecords;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

/**
 * The three master-data topics, each record folded into the project structure. The registry serde resolves the writer
 * schema and decodes generically; {@link SpecificRecords} fills the generated class inside the application's class
 * loader.
 */
final class MasterDataInput implements AutoCloseable {

    private final PlannerExportConfig.Topics topics;
    private final AvroKafkaDeserializer<GenericRecord> deserializer;
    private final SpecificRecords<ProjectSnapshot> projects = SpecificRecords.of(ProjectSnapshot.class,
            ProjectSnapshot.getClassSchema());
    private final SpecificRecords<ProjectTaskSnapshot> tasks = SpecificRecords.of(ProjectTaskSnapshot.class,
            ProjectTaskSnapshot.getClassSchema());
    private final SpecificRecords<CostCodeSnapshot> costCodes = SpecificRecords.of(CostCodeSnapshot.class,
            CostCodeSnapshot.getClassSchema());

    MasterDataInput(PlannerExportConfig.Topics topics, AvroKafkaDeserializer<GenericRecord> deserializer) {
        this.topics = topics;
        this.deserializer = deserializer;
    }

    List<String> topics() {
        return List.of(topics.projects(), topics.projectTasks(), topics.costCodes());
    }

    /**
     * @throws MalformedRecordException
     *             when the record has no key or its value is not the topic's record; the structure is unchanged
     */
    StructureChange apply(ProjectStructure structure, ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            throw new MalformedRecordException("a master-data record without a key", null);
        }
        String topic = record.topic();
        if (topic.equals(topics.projects())) {
            return structure.project(key, decode(record, projects, ProjectSnapshot.getClassSchema()));
        }
        if (topic.equals(topics.projectTasks())) {
            return structure.task(key, decode(record, tasks, ProjectTaskSnapshot.getClassSchema()));
        }
        if (topic.equals(topics.costCodes())) {
            return structure.costCode(key, decode(record, costCodes, CostCodeSnapshot.getClassSchema()));
        }
        throw new IllegalStateException("not a master-data topic of the export: " + topic);
    }

    /** Null for a tombstone. */
    private <T extends SpecificRecord> T decode(ConsumerRecord<String, byte[]> record, SpecificRecords<T> type,
            Schema schema) {
        if (record.value() == null) {
            return null;
        }
        try {
            GenericRecord written = deserializer.deserialize(record.topic(), record.headers(), record.value());
            return type.fromGeneric(written);
        } catch (RuntimeException e) {
            throw new MalformedRecordException("not a readable " + schema.getName() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
