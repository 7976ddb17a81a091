package io.trestle.equipment.identity;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.kafka.CrosswalkTable;

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
        CrosswalkMachineResolver resolver = new CrosswalkMachineResolver(
                CrosswalkTable.open(bootstrapServers, registryUrl, config.topics().crosswalk()));
        resolver.start();
        return resolver;
    }

    void close(@Disposes MachineResolver resolver) throws InterruptedException {
        if (resolver instanceof CrosswalkMachineResolver crosswalk) {
            crosswalk.close();
        }
    }
}
