package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.AffectedWork;
import io.trestle.schema.operations.ConflictStatus;
import io.trestle.schema.operations.ConflictType;
import io.trestle.schema.operations.NotificationCategory;
import io.trestle.schema.operations.NotificationKind;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.topic.TrestleTopic;

/**
 * Every breakdown reported or cleared is told to people once, under an id that reprocessing reproduces; work relying on
 * the asset makes it a business exception, and a breakdown the processor refused is told as a technical failure.
 */
class BreakdownNotificationTopologyTest {

    private static final String FAULT_TOPIC = TrestleTopic.EQUIPMENT_FAULT.topicName();

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void aBreakdownDuringReservedWorkIsABusinessExceptionListingTheWorkItHolds() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-1", "T-2", 24, 30, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-3", "P-2", "T-7", 48, 50, ReservationStatus.TENTATIVE);
        fixture.reserve("EX-1", "R-4", "P-3", "T-8", -10, -5, ReservationStatus.CONFIRMED); // over before
        fixture.reserve("EX-1", "R-5", "P-4", "T-9", 24, 30, ReservationStatus.CANCELLED);
        fixture.reserve("EX-1", "R-6", "P-5", null, 36, 40, ReservationStatus.CONFIRMED); // a project, no task
        fixture.reserve("EX-2", "R-7", "P-6", "T-1", 0, 30, ReservationStatus.CONFIRMED); // another asset
        fixture.conflicts.readRecordsToList();

        FaultReported raise = fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);

        List<TestRecord<String, OperationsNotification>> notifications = fixture.notifications.readRecordsToList();
        assertThat(notifications).extracting(TestRecord::key).containsExactly("EX-1");
        OperationsNotification notification = notifications.get(0).value();
        assertThat(notification.getKind()).isEqualTo(NotificationKind.BREAKDOWN_REPORTED);
        assertThat(notification.getCategory()).isEqualTo(NotificationCategory.BUSINESS_EXCEPTION);
        assertThat(notification.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(notification.getAssetOutOfService()).isTrue();
        assertThat(notification.getFaultId()).isEqualTo("F-1");
        assertThat(notification.getFaultCode()).isEqualTo("1569-31");
        assertThat(notification.getProjectIds()).containsExactly("P-1", "P-2", "P-5");
        assertThat(notification.getTaskIds()).containsExactly("T-1", "T-2", "T-7");
        assertThat(notification.getAffectedWork())
                .extracting(AffectedWork::getReservationId, AffectedWork::getProjectId, AffectedWork::getTaskId,
                        AffectedWork::getConfirmed)
                .containsExactly(tuple("R-1", "P-1", "T-1", true),
                        tuple("R-2", "P-1", "T-2", true),
                        tuple("R-3", "P-2", "T-7", false),
                        tuple("R-6", "P-5", null, true));
        assertThat(notification.getAffectedWork().get(0).getReservedFrom()).isEqualTo(at(-2));
        assertThat(notification.getAffectedWork().get(0).getReservedTo()).isEqualTo(at(4));
        assertThat(notification.getAffectedWork()).extracting(AffectedWork::getConflictId)
                .as("each affected reservation names the conflict opened for it")
                .containsExactlyInAnyOrderElementsOf(fixture.conflicts.readValuesToList().stream()
                        .filter(c -> c.getConflictType() == ConflictType.ASSET_DOWN_DURING_TASK)
                        .map(ScheduleConflictChanged::getConflictId).toList());
        assertThat(notification.getSummary()).isEqualTo(
                "Asset EX-1 broke down at 2026-11-20T08:00:00Z (fault 1569-31: Engine derate); affects project P-1 "
                        + "(tasks T-1, T-2), project P-2 (task T-7), project P-5");
        assertThat(notification.getMetadata().getEventId().toString()).isEqualTo(notification.getNotificationId());
        assertThat(notification.getMetadata().getOccurredAt()).isEqualTo(at(0));
        assertThat(notification.getMetadata().getCorrelationId())
                .isEqualTo(raise.getMetadata().getEventId().toString());
        assertThat(notification.getSourceEventId()).isEqualTo(raise.getMetadata().getEventId().toString());
        assertThat(notification.getSourceTopic()).isEqualTo(FAULT_TOPIC);
        assertThat(notification.getQuarantineEventId()).isNull();
        assertThat(notification.getReasonCode()).isNull();
    }

    @Test
    void aBreakdownOfAnAssetNobodyNeedsIsInformationWithNothingAffectedAndLowSeverity() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -10, -5, ReservationStatus.CONFIRMED); // over before

        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);

        assertThat(fixture.notifications.readValuesToList()).singleElement().satisfies(notification -> {
            assertThat(notification.getKind()).isEqualTo(NotificationKind.BREAKDOWN_REPORTED);
            assertThat(notification.getCategory()).isEqualTo(NotificationCategory.INFORMATION);
            assertThat(notification.getSeverity()).isEqualTo(Severity.LOW);
            assertThat(notification.getAffectedWork()).isEmpty();
            assertThat(notification.getProjectIds()).isEmpty();
            assertThat(notification.getTaskIds()).isEmpty();
            assertThat(notification.getSummary()).endsWith("; no reserved work is affected");
        });
    }

    @Test
    void severityFollowsTheWorkHeldUpButNeverFallsBelowTheFaultsOwn() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", 2, 4, ReservationStatus.TENTATIVE);
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        fixture.faults.pipeInput("EX-2", FaultReported.newBuilder(
                TopologyFixture.fault("EX-2", "F-2", FaultState.ACTIVE, true, at(0))).setSeverity(Severity.CRITICAL)
                .build(), at(0));

        assertThat(fixture.notifications.readValuesToList())
                .extracting(OperationsNotification::getAssetId, OperationsNotification::getCategory,
                        OperationsNotification::getSeverity)
                .containsExactly(
                        tuple("EX-1", NotificationCategory.BUSINESS_EXCEPTION,
                                Severity.MEDIUM),
                        tuple("EX-2", NotificationCategory.INFORMATION,
                                Severity.CRITICAL));
    }

    @Test
    void aRepeatedBreakdownNotifiesNothingMoreAndReprocessingReproducesTheNotification() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
        FaultReported raise = fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        OperationsNotification first = fixture.notifications.readValue();

        fixture.faults.pipeInput("EX-1", raise, at(0)); // redelivered
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0); // sent again by the platform, new event id
        assertThat(fixture.notifications.isEmpty()).isTrue();

        try (TopologyFixture reprocessing = new TopologyFixture()) {
            reprocessing.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
            reprocessing.faults.pipeInput("EX-1", raise, at(0));
            assertThat(reprocessing.notifications.readValuesToList()).singleElement()
                    .usingRecursiveComparison().isEqualTo(first);
        }
    }

    @Test
    void aClearedBreakdownNotifiesOnceWhetherTheAssetIsBackAndWhoseWorkCanCountOnItAgain() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
        fixture.reserve("EX-1", "R-2", "P-1", "T-2", 24, 30, ReservationStatus.CONFIRMED);
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        fixture.fault("EX-1", "F-2", FaultState.ACTIVE, true, 0.5);
        List<OperationsNotification> reported = fixture.notifications.readValuesToList();
        fixture.conflicts.readValuesToList();

        fixture.advanceTo(2);
        fixture.clearBreakdown("EX-1", "F-1", 0, 2);

        OperationsNotification firstCleared = fixture.notifications.readValue();
        assertThat(firstCleared.getKind()).isEqualTo(NotificationKind.BREAKDOWN_CLEARED);
        assertThat(firstCleared.getCategory()).isEqualTo(NotificationCategory.INFORMATION);
        assertThat(firstCleared.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(firstCleared.getAssetOutOfService()).as("F-2 still holds it down").isTrue();
        assertThat(firstCleared.getSummary()).contains("still out of service (DOWN");
        assertThat(firstCleared.getMetadata().getOccurredAt()).isEqualTo(at(2));
        assertThat(firstCleared.getNotificationId()).isNotEqualTo(reported.get(0).getNotificationId());
        assertThat(firstCleared.getTaskIds()).containsExactly("T-1", "T-2");
        assertThat(firstCleared.getAffectedWork()).extracting(AffectedWork::getConflictId)
                .as("the conflicts resolved by the clearing")
                .containsExactlyInAnyOrderElementsOf(fixture.conflicts.readValuesToList().stream()
                        .filter(c -> c.getStatus() == ConflictStatus.RESOLVED)
                        .map(ScheduleConflictChanged::getConflictId).toList());

        fixture.advanceTo(3);
        fixture.clearBreakdown("EX-1", "F-2", 0.5, 3);
        OperationsNotification secondCleared = fixture.notifications.readValue();
        assertThat(secondCleared.getFaultId()).isEqualTo("F-2");
        assertThat(secondCleared.getAssetOutOfService()).isFalse();
        assertThat(secondCleared.getSummary()).isEqualTo("Breakdown of asset EX-1 (fault 1569-31: Engine derate) "
                + "cleared at 2026-11-20T11:00:00Z; the asset is back in service; it affected project P-1 "
                + "(tasks T-1, T-2)");

        fixture.clearBreakdown("EX-1", "F-2", 0.5, 3); // cleared again
        fixture.clearBreakdown("EX-1", "F-9", 0, 3); // never reported as a breakdown
        assertThat(fixture.notifications.isEmpty()).isTrue();
    }

    @Test
    void aBreakdownKeyedByAnotherAssetIsQuarantinedAndNotifiedAsATechnicalFailure() {
        fixture.reserve("EX-1", "R-1", "P-1", "T-1", -2, 4, ReservationStatus.CONFIRMED);
        fixture.availability.readValuesToList();
        fixture.conflicts.readValuesToList();
        FaultReported raise = TopologyFixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, at(0));

        fixture.faults.pipeInput("EX-2", raise, at(0));

        QuarantinedEvent entry = fixture.quarantine.readValue();
        assertThat(entry.getReasonCode()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(fixture.notifications.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("EX-1");
            OperationsNotification notification = record.value();
            assertThat(notification.getKind()).isEqualTo(NotificationKind.BREAKDOWN_NOT_PROCESSED);
            assertThat(notification.getCategory()).isEqualTo(NotificationCategory.TECHNICAL_FAILURE);
            assertThat(notification.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(notification.getAssetOutOfService()).as("the processor cannot tell").isNull();
            assertThat(notification.getQuarantineEventId()).isEqualTo(entry.getMetadata().getEventId().toString());
            assertThat(notification.getReasonCode()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(notification.getFaultId()).isEqualTo("F-1");
            assertThat(notification.getAffectedWork()).isEmpty();
            assertThat(notification.getSourceEventId()).isEqualTo(raise.getMetadata().getEventId().toString());
            assertThat(notification.getSourceTopic()).isEqualTo(FAULT_TOPIC);
            assertThat(notification.getSummary()).contains("Breakdown report of asset EX-1", "SCHEMA_VIOLATION",
                    "'EX-2'");
        });
        assertThat(fixture.conflicts.isEmpty()).as("nothing derived from refused input").isTrue();
        assertThat(fixture.reviews.isEmpty()).isTrue();
        assertThat(fixture.availability.isEmpty()).isTrue();
    }

    @Test
    void aBreakdownClearedBeforeItWasDetectedIsQuarantinedAndNotifiedWhileTheAssetStaysDown() {
        fixture.fault("EX-1", "F-1", FaultState.ACTIVE, true, 0);
        fixture.notifications.readValuesToList();
        fixture.availability.readValuesToList();

        fixture.clearBreakdown("EX-1", "F-1", 0, -1);

        assertThat(fixture.quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("INCONSISTENT_DATES");
        assertThat(fixture.notifications.readValuesToList()).singleElement().satisfies(notification -> {
            assertThat(notification.getKind()).isEqualTo(NotificationKind.BREAKDOWN_NOT_PROCESSED);
            assertThat(notification.getReasonCode()).isEqualTo("INCONSISTENT_DATES");
            assertThat(notification.getSummary()).startsWith("Breakdown clearing of asset EX-1");
        });
        assertThat(fixture.availability.isEmpty()).isTrue();
    }

    @Test
    void refusedInputThatIsNoBreakdownIsOnlyQuarantined() {
        fixture.faults.pipeInput("EX-2", TopologyFixture.fault("EX-1", "F-1", FaultState.ACTIVE, false, at(0)),
                at(0)); // a warning
        fixture.reserve("EX-1", "R-1", "P-1", null, 48, 24, ReservationStatus.CONFIRMED);

        assertThat(fixture.quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("SCHEMA_VIOLATION", "INCONSISTENT_DATES");
        assertThat(fixture.notifications.isEmpty()).isTrue();
    }
}
