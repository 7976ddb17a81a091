package io.trestle.schedule.crosswalk;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.trestle.kafka.CrosswalkTable;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.publish.Crosswalk;

/** The crosswalk, read from the start of the application: readiness waits for it. */
public class CrosswalkProducer {

    @Produces
    @Singleton
    @Startup
    Crosswalk crosswalk(ScheduleConnectorConfig config,
            KafkaConnection kafka, RegistryConnection registry) {
        CrosswalkIds crosswalk = new CrosswalkIds(
                CrosswalkTable.open(kafka, registry, config.topics().crosswalk()));
        crosswalk.start();
        return crosswalk;
    }

    void close(@Disposes Crosswalk crosswalk) throws InterruptedException {
        if (crosswalk instanceof CrosswalkIds ids) {
            ids.close();
        }
    }
}
