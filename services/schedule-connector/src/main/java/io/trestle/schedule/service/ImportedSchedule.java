package io.trestle.schedule.service;

import java.util.Optional;

import io.trestle.schedule.model.ScheduleSnapshot;

/**
 * One project of a schedule as read, and whether a configured rule approves it for publishing.
 *
 * @param approvedBy
 *            the rule that approves it, e.g. {@code P6 project code 'Schedule Status' is 'Approved'}; empty when it
 *            waits for the publish API
 */
public record ImportedSchedule(ScheduleSnapshot snapshot, Optional<String> approvedBy) {
}
