package io.trestle.schedule.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trestle.schedule.mapping.Publication;
import io.trestle.schedule.mapping.Refusal;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schema.common.EventMetadata;

/**
 * What publishing one project's schedule did.
 *
 * @param previousRevision
 *            the revision of the version published before, null when none was
 * @param unchanged
 *            true when nothing changed since the last published version, so nothing was published or stored
 * @param published
 *            how many events were published, by event type ({@code TaskScheduled}, {@code ReservationChanged}, …)
 * @param eventIds
 *            the ids of the events published, in publishing order
 * @param refused
 *            the changes that could not become events; they were quarantined and are published by the next publish once
 *            fixed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishOutcome(String sourceSystem, String projectKey, String projectName, String revision,
        String previousRevision, boolean unchanged, Map<String, Integer> published, List<UUID> eventIds,
        List<RefusedChange> refused) {

    /**
     * A change that was quarantined instead of published.
     *
     * @param change
     *            the kind of change, e.g. {@code TaskAdded}, {@code EquipmentReserved}
     * @param unresolvedIds
     *            {@code system|entityType|value} of every id the crosswalk does not map
     */
    public record RefusedChange(String change, String taskId, String reasonCode, String message,
            List<String> unresolvedIds, UUID quarantineId) {
    }

    static PublishOutcome of(PublishPlan plan, boolean unchanged) {
        ScheduleSnapshot schedule = plan.schedule();
        Map<String, Integer> published = new LinkedHashMap<>();
        List<UUID> eventIds = new ArrayList<>();
        for (Publication publication : plan.mapped().publications()) {
            SpecificRecord event = publication.value();
            published.merge(event.getClass().getSimpleName(), 1, Integer::sum);
            // Every event's metadata, by the model's rules; read by name so the field's position does not matter.
            eventIds.add(((EventMetadata) event.get(event.getSchema().getField("metadata").pos())).getEventId());
        }
        return new PublishOutcome(schedule.sourceSystem(), schedule.projectKey(), schedule.projectName(),
                schedule.revision(), plan.previous().map(version -> version.snapshot().revision()).orElse(null),
                unchanged, published, eventIds, refusedChanges(plan));
    }

    /** The plan's refusals, each with the id of its quarantine entry. */
    public static List<RefusedChange> refusedChanges(PublishPlan plan) {
        List<RefusedChange> refused = new ArrayList<>();
        for (int i = 0; i < plan.mapped().refusals().size(); i++) {
            Refusal refusal = plan.mapped().refusals().get(i);
            refused.add(new RefusedChange(refusal.change().getClass().getSimpleName(), refusal.change().taskId(),
                    refusal.reasonCode(), refusal.message(),
                    refusal.unresolvedIds().stream()
                            .map(id -> id.getSystem() + "|" + id.getEntityType() + "|" + id.getValue()).toList(),
                    plan.quarantine().get(i).getMetadata().getEventId()));
        }
        return refused;
    }
}
