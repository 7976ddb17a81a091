package io.trestle.schedule.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.service.ScheduleMetrics;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.SettableClock;

class SchedulePublisherTest {

    private static final ScheduleSnapshot V1 = Snapshots.of(Fixtures.HARBOUR_V1);
    private static final ScheduleSnapshot V2 = Snapshots.of(Fixtures.HARBOUR_V2);

    private final InMemoryPublishedSchedules versions = new InMemoryPublishedSchedules();
    private final MapCrosswalk crosswalk = new MapCrosswalk();
    private final RecordingSink sink = new RecordingSink();
    private final SchedulePublisher publisher = publisher(versions);

    @Test
    void publishesTheWholeFirstVersionThenExactlyTheDifferencesOfTheNext() {
        PublishOutcome first = publisher.publish(V1, "draft-1");

        assertThat(first.published()).containsExactly(entry("TaskScheduled", 4), entry("CrewAssignmentChanged", 4),
                entry("ReservationChanged", 3));
        assertThat(sink.takeSent()).hasSize(11);
        assertThat(versions.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot).isEqualTo(V1);

        PublishOutcome second = publisher.publish(V2, "draft-2");

        assertThat(second.previousRevision()).isEqualTo(V1.revision());
        assertThat(sink.takeSent()).extracting(Publication::topic, Publication::key).containsExactly(
                tuple(TrestleTopic.SCHEDULE_TASK_CHANGED, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-50"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.SCHEDULE_CREW_ASSIGNMENT, "41"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-12"),
                tuple(TrestleTopic.EQUIPMENT_RESERVATION, "asset-50"),
                tuple(TrestleTopic.SCHEDULE_TASK_CANCELLED, "41"));
        assertThat(second.eventIds()).hasSize(9).doesNotHaveDuplicates();
        assertThat(versions.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot).isEqualTo(V2);
    }

    @Test
    void publishingTheSameScheduleAgainPublishesAndStoresNothing() {
        publisher.publish(V1, "draft-1");
        sink.takeSent();
        PublishedVersion stored = versions.find("p6", "HQ-2025").orElseThrow();

        PublishOutcome again = publisher.publish(V1, "draft-1");

        assertThat(again.unchanged()).isTrue();
        assertThat(again.published()).isEmpty();
        assertThat(sink.sent).isEmpty();
        assertThat(versions.find("p6", "HQ-2025")).containsSame(stored);
    }

    @Test
    void aNewPublisherOverTheStoredVersionsPublishesNothingForAnUnchangedSchedule() {
        publisher.publish(V1, "draft-1");
        publisher.publish(V2, "draft-2");
        sink.takeSent();

        PublishOutcome afterRestart = publisher(versions).publish(V2, "draft-2");

        assertThat(afterRestart.unchanged()).isTrue();
        assertThat(sink.sent).isEmpty();
    }

    @Test
    void aPublishTheBrokerDidNotAcknowledgeStoresNothingAndItsRetrySendsTheSameEventIds() {
        publisher.publish(V1, "draft-1");
        sink.takeSent();
        sink.failing = true;

        assertThatThrownBy(() -> publisher.publish(V2, "draft-2")).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("the broker did not acknowledge every event of p6:HQ-2025");
        List<UUID> attempted = eventIds(sink.takeSent());
        assertThat(versions.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot).isEqualTo(V1);

        sink.failing = false;
        PublishOutcome retried = publisher.publish(V2, "draft-2");

        assertThat(retried.eventIds()).containsExactlyElementsOf(attempted);
    }

    @Test
    void quarantinesAChangeWithAnUnmappedIdAndPublishesItOnceTheCrosswalkMapsIt() {
        crosswalk.mappings.remove("p6|equipment|EX-12");
        publisher.publish(V1, "draft-1");
        sink.takeSent();

        PublishOutcome refused = publisher.publish(V2, "draft-2");

        assertThat(refused.published()).containsEntry("ReservationChanged", 2);
        assertThat(refused.refused()).singleElement().satisfies(change -> {
            assertThat(change.change()).isEqualTo("EquipmentReserved");
            assertThat(change.reasonCode()).isEqualTo("UNMAPPED_EXTERNAL_ID");
            assertThat(change.unresolvedIds()).containsExactly("p6|equipment|EX-12");
        });
        List<Publication> sent = sink.takeSent();
        assertThat(sent).filteredOn(publication -> publication.topic() == TrestleTopic.INTEGRATION_QUARANTINE)
                .singleElement().satisfies(publication -> {
                    QuarantinedEvent entry = (QuarantinedEvent) publication.value();
                    assertThat(publication.key()).isEqualTo("schedule-connector");
                    assertThat(entry.getMetadata().getEventId()).isEqualTo(refused.refused().get(0).quarantineId());
                    assertThat(entry.getUnresolvedIds()).containsExactly(new ExternalId("p6", "equipment", "EX-12"));
                    assertThat(entry.getSourceEndpoint()).isEqualTo("/api/v1/schedules/drafts/draft-2");
                    assertThat(entry.getPayloadText()).contains("\"kind\":\"EquipmentReserved\"", "EX-12");
                });
        assertThat(versions.find("p6", "HQ-2025").orElseThrow().snapshot().equipmentReservations())
                .as("the refused reservation is not in the published version")
                .extracting(assignment -> assignment.resource().id()).doesNotContain("EX-12");

        PublishOutcome stillUnmapped = publisher.publish(V2, "draft-2");

        assertThat(stillUnmapped.published()).isEmpty();
        assertThat(stillUnmapped.refused()).extracting(PublishOutcome.RefusedChange::quarantineId)
                .as("the same entry again, which consumers drop").containsExactly(refused.refused().get(0)
                        .quarantineId());
        sink.takeSent();

        crosswalk.mappings.put("p6|equipment|EX-12", "asset-12");
        PublishOutcome replayed = publisher.publish(V2, "draft-2");

        assertThat(replayed.published()).containsExactly(entry("ReservationChanged", 1));
        assertThat(replayed.refused()).isEmpty();
        assertThat(sink.takeSent()).singleElement().satisfies(publication -> {
            assertThat(publication.key()).isEqualTo("asset-12");
            assertThat(((ReservationChanged) publication.value()).getTaskId()).isEqualTo("1000");
        });
        assertThat(versions.find("p6", "HQ-2025")).get().extracting(PublishedVersion::snapshot).isEqualTo(V2);
        assertThat(publisher.publish(V2, "draft-2").unchanged()).isTrue();
    }

    @Test
    void refusesToPublishWhileThePublishedVersionsAreNotRead() {
        PublishedSchedules unread = new InMemoryPublishedSchedules() {

            @Override
            public boolean ready() {
                return false;
            }
        };

        assertThatThrownBy(() -> publisher(unread).publish(V1, "draft-1")).isInstanceOf(NotReadyException.class)
                .hasMessage("the published versions are still being read");
        assertThat(sink.sent).isEmpty();
    }

    private SchedulePublisher publisher(PublishedSchedules store) {
        return new SchedulePublisher(store, crosswalk, sink, ZoneId.of("Europe/London"), Duration.ofSeconds(5),
                new SettableClock(Instant.parse("2025-04-07T12:00:00Z")),
                new ScheduleMetrics(new SimpleMeterRegistry()));
    }

    private static List<UUID> eventIds(List<Publication> publications) {
        return publications.stream().map(publication -> ((EventMetadata) publication.value()
                .get(publication.value().getSchema().getField("metadata").pos())).getEventId()).toList();
    }
}
