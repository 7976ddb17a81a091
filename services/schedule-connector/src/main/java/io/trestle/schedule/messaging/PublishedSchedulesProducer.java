package io.trestle.schedule.messaging;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.trestle.kafka.KafkaConnection;
import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.publish.PublishedSchedules;

/** The published versions, read from the start of the application: readiness and publishing wait for them. */
public class PublishedSchedulesProducer {

    @Produces
    @Singleton
    @Startup
    PublishedSchedules versions(ScheduleConnectorConfig config, KafkaConnection kafka) {
        KafkaPublishedSchedules versions = new KafkaPublishedSchedules(kafka,
                config.topics().publishedSchedules(), (int) config.publishing().maxVersionSize().asLongValue(),
                config.publishing().timeout());
        versions.start();
        return versions;
    }

    void close(@Disposes PublishedSchedules versions) throws InterruptedException {
        if (versions instanceof KafkaPublishedSchedules kafka) {
            kafka.close();
        }
    }
}
