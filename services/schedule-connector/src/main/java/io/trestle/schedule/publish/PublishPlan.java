package io.trestle.schedule.publish;

import java.util.List;
import java.util.Optional;

import io.trestle.schedule.diff.ScheduleChange;
import io.trestle.schedule.mapping.MappedChanges;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * What publishing a project's schedule would do now: its changes since the last published version, the events they
 * become and the quarantine entries of the changes refused.
 *
 * @param snapshotHash
 *            what the event ids derive from, with each change
 */
public record PublishPlan(ScheduleSnapshot schedule, Optional<PublishedVersion> previous, String snapshotHash,
        List<ScheduleChange> changes, MappedChanges mapped, List<QuarantinedEvent> quarantine) {

    public PublishPlan {
        changes = List.copyOf(changes);
        quarantine = List.copyOf(quarantine);
    }
}
