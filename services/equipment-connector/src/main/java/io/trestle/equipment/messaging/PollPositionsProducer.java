package io.trestle.equipment.messaging;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.PollPositions;
import io.trestle.kafka.KafkaConnection;

/**
 * The store of the vendor pollers' positions; created on first use, so a connector without vendors neither creates nor
 * reads its topic.
 */
public class PollPositionsProducer {

    @Produces
    @Singleton
    PollPositions positions(EquipmentConnectorConfig config, KafkaConnection kafka) {
        KafkaPollPositions positions = new KafkaPollPositions(kafka, config.topics().pollPositions(),
                config.ingest().publishTimeout());
        positions.start();
        return positions;
    }

    void close(@Disposes PollPositions positions) throws InterruptedException {
        if (positions instanceof KafkaPollPositions kafka) {
            kafka.close();
        }
    }
}
