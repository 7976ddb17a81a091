package io.trestle.schedule.publish;

import java.time.Instant;

import io.trestle.schedule.model.ScheduleSnapshot;

/**
 * The last published version of a project, as consumers of the schedule events know it.
 *
 * @param snapshot
 *            the published snapshot with every refused change left as it was before, so that the next publish of the
 *            same or a later file tries the refused changes again
 * @param draftId
 *            the draft it was published from
 * @param refusedChanges
 *            how many changes of that publish were refused (quarantined) and are still to be published
 */
public record PublishedVersion(ScheduleSnapshot snapshot, String draftId, Instant publishedAt, int refusedChanges) {
}
