package io.trestle.schedule.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.diff.ScheduleChange.TaskAdded;
import io.trestle.schedule.diff.ScheduleDiff;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.ScheduledTask;
import io.trestle.schedule.model.TaskStatus;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.schedule.CrewAssignmentChange;
import io.trestle.schema.schedule.CrewAssignmentChanged;
import io.trestle.schema.schedule.FieldChange;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.schedule.TaskChanged;
import io.trestle.schema.schedule.TaskScheduled;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.SettableClock;

class ScheduleEventMapperTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2025-04-07T12:00:00Z");
    private static final ScheduleSnapshot HARBOUR_V1 = Snapshots.of(Fixtures.HARBOUR_V1);
    private static final ScheduleSnapshot HARBOUR_V2 = Snapshots.of(Fixtures.HARBOUR_V2);

    private final Map<String, String> crosswalk = new HashMap<>(Map.ofEntries(
            Map.entry("p6|project|HQ-2025", "41"),
            Map.entry("p6|activity|HQ-2025:Q1000", "1000"),
            Map.entry("p6|activity|HQ-2025:Q1010", "1010"),
            Map.entry("p6|activity|HQ-2025:Q1020", "1020"),
            Map.entry("p6|activity|HQ-2025:Q1030", "1030"),
            Map.entry("p6|crew|PILE-CREW", "7"),
            Map.entry("p6|crew|STEEL-CREW", "8"),
            Map.entry("p6|crew|CONC-CREW", "9"),
            Map.entry("p6|crew|CONC-SUB", "10"),
            Map.entry("p6|equipment|PR-300", "asset-300"),
            Map.entry("p6|equipment|CR-50", "asset-50"),
            Map.entry("p6|equipment|EX-12", "asset-12"),
            Map.entry("p6|wbs|HQ-2025:HQ-2025.PIL", "cost-code-piling")));
    private final AtomicInteger eventCount = new AtomicInteger();
    private final ScheduleEventMapper mapper = new ScheduleEventMapper(this::resolve, LONDON, new SettableClock(NOW),
            change -> new UUID(0, eventCount.incrementAndGet()));

    @Test
    void mapsAP6UpdateToCanonicalEventsOnTheirTopicsAndKeys() {
        MappedChanges mapped = map(ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2));

        assertThat(mapped.refusals()).isEmpty();
        assertThat(mapped.publications()).extracting(Publication::topic, Publication::key).containsExactly(
                tuple(TrestleTopic.SCHEDULE_TASK_CHANGED, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-50"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-12"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-50"),
                tuple(TrestleTopic.SCHEDULE_TASK_CANCELLED, "41"));
    }

    @Test
    void listsChangedFieldsAsUtcTextAndRepeatsTheDatesAfterTheChange() {
        TaskChanged changed = (TaskChanged) map(ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2)).publications().get(0)
                .value();

        assertThat(changed.getProjectId()).isEqualTo("41");
        assertThat(changed.getTaskId()).isEqualTo("1010");
        assertThat(changed.getTaskName()).isEqualTo("Install tie rods");
        // British Summer Time: 08:00 in London is 07:00 UTC.
        assertThat(changed.getChanges()).containsExactly(
                new FieldChange("plannedStart", "2025-04-15T07:00:00Z", "2025-04-17T07:00:00Z"),
                new FieldChange("plannedEnd", "2025-04-21T16:00:00Z", "2025-04-23T16:00:00Z"),
                new FieldChange("earlyStart", "2025-04-15T07:00:00Z", "2025-04-17T07:00:00Z"),
                new FieldChange("earlyEnd", "2025-04-21T16:00:00Z", "2025-04-23T16:00:00Z"),
                new FieldChange("lateStart", "2025-04-15T07:00:00Z", "2025-04-17T07:00:00Z"),
                new FieldChange("lateEnd", "2025-04-21T16:00:00Z", "2025-04-23T16:00:00Z"));
        assertThat(changed.getPlannedStart()).isEqualTo(Instant.parse("2025-04-17T07:00:00Z"));
        assertThat(changed.getPlannedEnd()).isEqualTo(Instant.parse("2025-04-23T16:00:00Z"));
        assertThat(changed.getScheduleRevision()).isEqualTo("HQ-2025@2025-04-07T00:00");
        assertThat(changed.getMetadata().getEventId()).isEqualTo(new UUID(0, 1));
        assertThat(changed.getMetadata().getSourceSystem()).isEqualTo("p6");
        assertThat(changed.getMetadata().getSourceRecordId()).isEqualTo("Q1010");
        assertThat(changed.getMetadata().getOccurredAt()).isEqualTo(NOW);
        assertThat(changed.getMetadata().getCorrelationId()).isEqualTo("upload-1");
        assertThat(changed.getMetadata().getResolvedFrom()).containsExactly(
                new ExternalId("p6", "project", "HQ-2025"), new ExternalId("p6", "activity", "HQ-2025:Q1010"));
    }

    @Test
    void releasesTheReplacedCrewAndAssignsTheNewOneUnderIdsOfTheirOwn() {
        List<Publication> publications = map(ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2)).publications();
        CrewAssignmentChanged released = (CrewAssignmentChanged) publications.get(1).value();
        CrewAssignmentChanged assigned = (CrewAssignmentChanged) publications.get(5).value();

        assertThat(released.getChange()).isEqualTo(CrewAssignmentChange.RELEASED);
        assertThat(released.getAssignmentId()).isEqualTo("p6:HQ-2025:8005:CONC-CREW");
        assertThat(released.getCrewId()).isEqualTo("9");
        assertThat(released.getCrewName()).isEqualTo("Concrete crew");
        assertThat(assigned.getChange()).isEqualTo(CrewAssignmentChange.ASSIGNED);
        assertThat(assigned.getAssignmentId()).isEqualTo("p6:HQ-2025:8005:CONC-SUB");
        assertThat(assigned.getTaskId()).isEqualTo("1020");
        assertThat(assigned.getCrewId()).isEqualTo("10");
        assertThat(assigned.getPlannedStart()).isEqualTo(Instant.parse("2025-04-22T07:00:00Z"));
        assertThat(assigned.getPlannedEnd()).isEqualTo(Instant.parse("2025-04-24T16:00:00Z"));
        assertThat(assigned.getPlannedHours()).isEqualTo(48.0);
    }

    @Test
    void reservesAnAddedMachineAndCancelsTheReservationOfADeletedActivity() {
        List<Publication> publications = map(ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2)).publications();
        ReservationChanged cancelled = (ReservationChanged) publications.get(3).value();
        ReservationChanged reserved = (ReservationChanged) publications.get(6).value();
        TaskCancelled deleted = (TaskCancelled) publications.get(8).value();

        assertThat(cancelled.getReservationId()).isEqualTo("p6:HQ-2025:8009:CR-50");
        assertThat(cancelled.getStatus()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(cancelled.getTaskId()).isEqualTo("1030");
        assertThat(reserved.getReservationId()).isEqualTo("p6:HQ-2025:8008:EX-12");
        assertThat(reserved.getAssetId()).isEqualTo("asset-12");
        assertThat(reserved.getProjectId()).isEqualTo("41");
        assertThat(reserved.getTaskId()).isEqualTo("1000");
        assertThat(reserved.getCostCodeId()).isEqualTo("cost-code-piling");
        assertThat(reserved.getReservedFrom()).isEqualTo(Instant.parse("2025-04-07T07:00:00Z"));
        assertThat(reserved.getReservedTo()).isEqualTo(Instant.parse("2025-04-14T16:00:00Z"));
        assertThat(reserved.getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(deleted.getTaskId()).isEqualTo("1030");
        assertThat(deleted.getReason()).isEqualTo("Deleted from the schedule");
    }

    @Test
    void schedulesEveryTaskOfAFirstVersionWithItsPlannedHours() {
        List<Publication> publications = mapper.map(HARBOUR_V1, ScheduleDiff.between(null, HARBOUR_V1), "upload-0")
                .publications();

        assertThat(publications).hasSize(11);
        TaskScheduled first = (TaskScheduled) publications.get(0).value();
        assertThat(first.getTaskId()).isEqualTo("1000");
        assertThat(first.getPlannedStart()).isEqualTo(Instant.parse("2025-04-01T07:00:00Z"));
        assertThat(first.getPlannedEnd()).isEqualTo(Instant.parse("2025-04-14T16:00:00Z"));
        assertThat(first.getPlannedHours()).isEqualTo(240.0);
    }

    @Test
    void refusesAChangeWithAnUnmappedIdAndStillPublishesTheOthers() {
        crosswalk.remove("p6|equipment|EX-12");

        MappedChanges mapped = map(ScheduleDiff.between(HARBOUR_V1, HARBOUR_V2));

        assertThat(mapped.publications()).hasSize(8);
        assertThat(mapped.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.reasonCode()).isEqualTo(Refusal.UNMAPPED_EXTERNAL_ID);
            assertThat(refusal.unresolvedIds()).containsExactly(new ExternalId("p6", "equipment", "EX-12"));
            assertThat(refusal.message()).isEqualTo("No active crosswalk mapping for p6 equipment 'EX-12'");
        });
    }

    @Test
    void refusesATaskThatFinishesBeforeItStarts() {
        ScheduledTask backwards = new ScheduledTask("Q1000", "Drive sheet piles", null, TaskStatus.NOT_STARTED, true,
                LocalDateTime.of(2025, 4, 14, 17, 0), LocalDateTime.of(2025, 4, 1, 8, 0), null, null, null, null, null,
                null, null, null, BigDecimal.TEN, null, null);

        MappedChanges mapped = map(List.of(new TaskAdded(backwards)));

        assertThat(mapped.publications()).isEmpty();
        assertThat(mapped.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.reasonCode()).isEqualTo(Refusal.INCONSISTENT_DATES);
            assertThat(refusal.message())
                    .isEqualTo("task Q1000 finishes (2025-04-01T08:00) before it starts (2025-04-14T17:00)");
        });
    }

    /** Changes from the Harbour Quay update, whose version 2 they lead to. */
    private MappedChanges map(List<ScheduleChange> changes) {
        return mapper.map(HARBOUR_V2, changes, "upload-1");
    }

    private Optional<String> resolve(ExternalId id) {
        return Optional.ofNullable(crosswalk.get(id.getSystem() + "|" + id.getEntityType() + "|" + id.getValue()));
    }
}
