package io.trestle.operations.topology;

import static io.trestle.operations.topology.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.topic.TrestleTopic;

/** Input the processor cannot keep correctly is quarantined with its reason, never dropped and never kept. */
class InputQuarantineTopologyTest {

    @RegisterExtension
    final TopologyFixture fixture = new TopologyFixture();

    @Test
    void aRecordKeyedByAnotherAssetIsQuarantinedNotKept() {
        fixture.reserve("EX-1", "R-1", "P-1", null, 24, 48, ReservationStatus.CONFIRMED);
        fixture.availability.readValuesToList();
        fixture.reservations.pipeInput("EX-2", TopologyFixture.reservation("EX-1", "R-2", "P-2", null, at(30),
                at(36), ReservationStatus.CONFIRMED, at(0)), at(0));

        assertThat(fixture.conflicts.isEmpty()).isTrue();
        assertThat(fixture.availability.isEmpty()).isTrue();
        assertThat(fixture.quarantine.readKeyValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.key).isEqualTo(QuarantineProcessor.DETECTED_BY);
            QuarantinedEvent event = entry.value;
            assertThat(event.getReasonCode()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(event.getMessage()).contains("EX-2", "EX-1");
            assertThat(event.getSourceTopic()).isEqualTo(TrestleTopic.EQUIPMENT_RESERVATION.topicName());
            assertThat(event.getSourceOffset()).isEqualTo(1L);
            assertThat(event.getPayloadText()).contains("R-2");
            assertThat(event.getMetadata().getSourceSystem()).isEqualTo("aemp:test");
        });
    }

    @Test
    void aReservationEndingBeforeItStartsIsQuarantined() {
        fixture.reserve("EX-1", "R-1", "P-1", null, 48, 24, ReservationStatus.CONFIRMED);

        assertThat(fixture.availability.isEmpty()).isTrue();
        assertThat(fixture.quarantine.readValuesToList()).extracting(QuarantinedEvent::getReasonCode)
                .containsExactly("INCONSISTENT_DATES");
    }
}
