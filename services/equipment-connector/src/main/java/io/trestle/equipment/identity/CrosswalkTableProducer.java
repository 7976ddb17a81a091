package io.trestle.equipment.identity;

import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.messaging.TopicReads;

/**
 * The crosswalk the vendor pollers resolve machines through; created on first use, so a connector without vendors never
 * reads the topic.
 */
public class CrosswalkTableProducer {

    @Produces
    @Singleton
    MachineResolver crosswalk(EquipmentConnectorConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "trestle.registry.url") String registryUrl) {
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        CrosswalkTable table = new CrosswalkTable(
                new KafkaConsumer<>(TopicReads.consumerConfig(bootstrapServers), new StringDeserializer(), values),
                config.topics().crosswalk());
        table.start();
        return table;
    }

    void close(@Disposes MachineResolver resolver) throws InterruptedException {
        if (resolver instanceof CrosswalkTable table) {
            table.close();
        }
    }
}
