package io.trestle.schedule.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.read.UnreadableScheduleException;

/**
 * The import inside the application: MPXJ's JAXB readers under Quarkus' class loader with the Jakarta XML Binding
 * versions the Quarkus BOM manages (4.0.x, where MPXJ asks for 3.0), and the equipment rules from configuration.
 */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class ScheduleImportTest {

    @Inject
    ScheduleImport scheduleImport;

    @Test
    void readsMsProjectXmlWithTheConfiguredEquipmentRules() {
        ScheduleSnapshot riverside = scheduleImport.read(Fixtures.bytes(Fixtures.RIVERSIDE_V1)).get(0);

        assertThat(riverside.tasks()).hasSize(4);
        assertThat(riverside.equipmentReservations()).extracting(assignment -> assignment.resource().name())
                .containsExactly("Excavator EX-07", "Mobile crane CR-2");
    }

    @Test
    void readsP6XmlAndXer() {
        assertThat(scheduleImport.read(Fixtures.bytes(Fixtures.RIVERSIDE_PMXML))).extracting(
                ScheduleSnapshot::projectKey).containsExactly("RB-2025");
        assertThat(scheduleImport.read(Fixtures.bytes(Fixtures.TWO_PROJECTS))).extracting(
                ScheduleSnapshot::projectKey).containsExactly("DEPOT-A", "DEPOT-B");
    }

    @Test
    void refusesWhatIsNoSchedule() {
        assertThatThrownBy(() -> scheduleImport.read("{\"tasks\": []}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableScheduleException.class);
    }
}
