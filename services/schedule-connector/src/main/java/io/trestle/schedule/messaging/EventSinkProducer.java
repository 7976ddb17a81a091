package io.trestle.schedule.messaging;

import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.config.ScheduleConnectorConfig.Topics;
import io.trestle.schedule.publish.EventSink;
import io.trestle.schema.topic.TrestleTopic;

/** The producer of the schedule events and quarantine entries, with the topic names of the configuration. */
public class EventSinkProducer {

    @Produces
    @Singleton
    EventSink events(ScheduleConnectorConfig config,
            KafkaConnection kafka, RegistryConnection registry) {
        Topics topics = config.topics();
        return new KafkaEventSink(kafka, registry, Map.of(
                TrestleTopic.SCHEDULE_TASK_SCHEDULED, topics.taskScheduled(),
                TrestleTopic.SCHEDULE_TASK_CHANGED, topics.taskChanged(),
                TrestleTopic.SCHEDULE_TASK_CANCELLED, topics.taskCancelled(),
                TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, topics.crewAssignments(),
                TrestleTopic.EQUIPMENT_RESERVATION, topics.reservations(),
                TrestleTopic.INTEGRATION_QUARANTINE, topics.quarantine()), config.publishing().timeout());
    }

    void close(@Disposes EventSink sink) {
        if (sink instanceof KafkaEventSink kafka) {
            kafka.close();
        }
    }
}
