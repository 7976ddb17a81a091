package io.trestle.odoosink.it;

import static io.trestle.odoosink.TestSchedules.assignment;
import static io.trestle.odoosink.TestSchedules.cancelled;
import static io.trestle.odoosink.TestSchedules.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.schema.schedule.CrewAssignmentChange;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskScheduled;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.quarkus.TrestleTestResource;

/**
 * Approved schedules and crew assignments into Odoo 17 Community tasks (the stand-in has no Enterprise planning, so the
 * sink detects tasks as the target), against the real broker and the registry and Odoo stand-ins.
 */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
@WithTestResource(OdooStandInResource.class)
class ScheduleSinkTest {

    private static final String TASK = "project.task";

    @InjectOdoo
    OdooStandIn odoo;

    @Test
    void aScheduledTaskGetsItsDeadlineAndHoursAndACancelledOneIsCancelledNotDeleted() {
        int task = odoo.seed(TASK, Map.of("name", "Foundations " + UUID.randomUUID(), "project_id", 1));
        TaskScheduled scheduledTask = scheduled(Integer.toString(task)).setPlannedHours(120.0).build();
        TaskCancelled cancelledTask = cancelled(Integer.toString(task));

        send(TrestleTopic.SCHEDULE_TASK_SCHEDULED, scheduledTask.getProjectId(), scheduledTask);
        assertThat(outcome(scheduledTask.getMetadata().getEventId()).get("status")).hasToString("POSTED");
        assertThat(task(task)).containsEntry("date_deadline", "2026-12-04 16:00:00")
                .containsEntry("allocated_hours", 120.0);

        send(TrestleTopic.SCHEDULE_TASK_CANCELLED, cancelledTask.getProjectId(), cancelledTask);
        assertThat(outcome(cancelledTask.getMetadata().getEventId()).get("status")).hasToString("POSTED");
        assertThat(task(task)).containsEntry("state", "1_canceled").containsEntry("active", true);
    }

    @Test
    void crewsAssignedAndReleasedEndAsTheTasksAssigneesInTheOrderThePlannerSentThem() {
        int task = odoo.seed(TASK, Map.of("name", "Formwork " + UUID.randomUUID(), "project_id", 1));
        int concrete = user("Concrete crew");
        int rebar = user("Rebar crew");
        String taskId = Integer.toString(task);
        CrewAssignmentChanged concreteIn = assignment("A-" + UUID.randomUUID(), taskId, Integer.toString(concrete),
                CrewAssignmentChange.ASSIGNED).build();
        CrewAssignmentChanged rebarIn = assignment("A-" + UUID.randomUUID(), taskId, Integer.toString(rebar),
                CrewAssignmentChange.ASSIGNED).build();
        CrewAssignmentChanged concreteOut = assignment(concreteIn.getAssignmentId(), taskId,
                Integer.toString(concrete), CrewAssignmentChange.RELEASED).build();

        List.of(concreteIn, rebarIn, concreteOut)
                .forEach(event -> send(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, event.getProjectId(), event));

        outcome(concreteOut.getMetadata().getEventId());
        assertThat(task(task).get("user_ids")).isEqualTo(List.of(rebar));
    }

    private int user(String crew) {
        String name = crew + " " + UUID.randomUUID();
        return odoo.seed("res.users", Map.of("name", name, "login", name.toLowerCase().replace(' ', '.')));
    }

    private Map<String, Object> task(int id) {
        return odoo.records(TASK).stream().filter(task -> task.get("id").equals(id)).findFirst().orElseThrow();
    }

    private static void send(TrestleTopic topic, String key, SpecificRecord event) {
        SinkTopics.send(topic.topicName(), key, event);
    }

    private static GenericRecord outcome(UUID eventId) {
        return SinkTopics.awaitRecord(TrestleTopic.INTEGRATION_SINK_OUTCOME.topicName(),
                record -> eventId.toString().equals(record.get("inputEventId").toString()));
    }
}
