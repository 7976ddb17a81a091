package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestSchedules.MONDAY;
import static io.trestle.odoosink.TestSchedules.cancelled;
import static io.trestle.odoosink.TestSchedules.change;
import static io.trestle.odoosink.TestSchedules.changed;
import static io.trestle.odoosink.TestSchedules.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trestle.odoosink.service.TaskSchedules.Mapped;
import io.trestle.odoosink.service.TaskSchedules.Refused;

class TaskSchedulesTest {

    private static final Instant FRIDAY = Instant.parse("2026-12-04T16:00:00Z");

    @Test
    void aScheduledTaskGetsItsFinishAsDeadlineAndItsPlannedWorkAsAllocatedHours() {
        Mapped withHours = (Mapped) TaskSchedules.scheduled(scheduled("42").setPlannedHours(37.5).build());
        Mapped withoutHours = (Mapped) TaskSchedules.scheduled(scheduled("42").build());

        assertThat(withHours.update().taskId()).isEqualTo(42);
        assertThat(withHours.update().columns()).containsExactly(entry(".id", "42"),
                entry("date_deadline", "2026-12-04 16:00:00"), entry("allocated_hours", "37.5"));
        assertThat(withoutHours.update().columns()).as("hours not given are left as Odoo has them")
                .containsOnlyKeys(".id", "date_deadline");
    }

    @Test
    void aChangeClearsARemovedFinishAndTouchesHoursOnlyWhenThePlannedHoursChanged() {
        Mapped datesOnly = (Mapped) TaskSchedules
                .changed(changed("42", MONDAY, null, change("plannedEnd", "2026-12-04T16:00:00Z", null)).build());
        Mapped moreHours = (Mapped) TaskSchedules.changed(changed("42", MONDAY, FRIDAY,
                change("plannedEnd", "2026-12-03T16:00:00Z", "2026-12-04T16:00:00Z"),
                change("plannedHours", "30", "45.25")).build());
        Mapped hoursRemoved = (Mapped) TaskSchedules
                .changed(changed("42", MONDAY, FRIDAY, change("plannedHours", "30", null)).build());

        assertThat(datesOnly.update().columns()).containsExactly(entry(".id", "42"), entry("date_deadline", ""));
        assertThat(moreHours.update().columns()).containsEntry("date_deadline", "2026-12-04 16:00:00")
                .containsEntry("allocated_hours", "45.25");
        assertThat(hoursRemoved.update().columns()).containsEntry("allocated_hours", "");
    }

    @Test
    void aCancelledTaskIsSetToOdoosCancelledStateOnly() {
        Mapped mapped = (Mapped) TaskSchedules.cancelled(cancelled("42"));

        assertThat(mapped.update().columns()).containsExactly(entry(".id", "42"), entry("state", "1_canceled"));
    }

    @Test
    void taskIdsThatAreNotOdooIdsImpossibleDatesAndBadHoursNeverReachOdoo() {
        assertThat(TaskSchedules.cancelled(cancelled("P6-A1010"))).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID");
            assertThat(refused.message()).contains("'P6-A1010'");
        });
        assertThat(TaskSchedules.scheduled(scheduled("42").setPlannedEnd(MONDAY.minusSeconds(1)).build()))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("INCONSISTENT_DATES"));
        assertThat(TaskSchedules.scheduled(scheduled("42").setPlannedHours(-4.0).build()))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("NEGATIVE_VALUE"));
        assertThat(TaskSchedules.changed(changed("42", MONDAY, FRIDAY, change("plannedHours", "30", "-2")).build()))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("NEGATIVE_VALUE"));
        assertThat(TaskSchedules.changed(changed("42", MONDAY, FRIDAY, change("plannedHours", "30", "lots")).build()))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("SCHEMA_VIOLATION");
                    assertThat(refused.message()).contains("'lots'");
                });
    }
}
