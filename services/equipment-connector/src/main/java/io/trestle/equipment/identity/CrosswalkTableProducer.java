package io.trestle.equipment.identity;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.kafka.CrosswalkTable;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;

/**
 * The crosswalk the vendor pollers resolve machines through; created on first use, so a connector without vendors never
 * reads the topic.
 */
public class CrosswalkTableProducer {

    @Produces
    @Singleton
    MachineResolver crosswalk(EquipmentConnectorConfig config, KafkaConnection kafka, RegistryConnection registry) {
        CrosswalkMachineResolver resolver = new CrosswalkMachineResolver(
                CrosswalkTable.open(kafka, registry, config.topics().crosswalk()));
        resolver.start();
        return resolver;
    }

    void close(@Disposes MachineResolver resolver) throws InterruptedException {
        if (resolver instanceof CrosswalkMachineResolver crosswalk) {
            crosswalk.close();
        }
    }
}
