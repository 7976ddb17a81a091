package io.trestle.schedule.drafts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.publish.NotReadyException;
import io.trestle.schedule.publish.PublishFailedException;
import io.trestle.schedule.publish.PublishOutcome;
import io.trestle.schedule.publish.SchedulePublisher;
import io.trestle.schedule.publish.VersionTooLargeException;
import io.trestle.schedule.service.ImportedSchedule;

/**
 * The explicit step from draft to published: each project of the draft is published (its changes since the last
 * published version become events) and the draft records what that did. Publishing a draft again publishes what changed
 * since, which after a crosswalk fix is exactly what was refused.
 */
@ApplicationScoped
public class DraftPublishing {

    private final DraftReader reader;
    private final DraftStore store;
    private final SchedulePublisher publisher;
    private final Clock clock;

    @Inject
    public DraftPublishing(DraftReader reader, DraftStore store, SchedulePublisher publisher) {
        this.reader = reader;
        this.store = store;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    /**
     * Publishes every project of the draft, in the file's order.
     *
     * @throws NotReadyException
     *             while the published versions or the crosswalk are still being read; nothing was published
     * @throws VersionTooLargeException
     *             when a project is too large to be stored as a version; nothing of it was published
     * @throws PublishFailedException
     *             when the broker did not acknowledge everything of a project; publish the draft again
     */
    public List<PublishOutcome> publish(Draft draft) {
        return publish(draft, false);
    }

    /** Publishes the projects of the draft a configured rule approved on arrival; none when no rule did. */
    public List<PublishOutcome> publishApproved(Draft draft) {
        return publish(draft, true);
    }

    /** Whether a rule approved any project of the draft on arrival. */
    public static boolean anyApproved(Draft draft) {
        return draft.projects().stream().anyMatch(project -> project.approvedBy() != null);
    }

    private synchronized List<PublishOutcome> publish(Draft draft, boolean approvedOnly) {
        if (approvedOnly && !anyApproved(draft)) {
            return List.of();
        }
        List<ImportedSchedule> schedules = reader.read(store.content(draft), draft.source(), draft.client());
        List<PublishOutcome> outcomes = new ArrayList<>();
        Draft current = store.find(draft.id()).orElse(draft);
        for (ImportedSchedule schedule : schedules) {
            ScheduleSnapshot snapshot = schedule.snapshot();
            Optional<Draft.Project> project = current.projects().stream()
                    .filter(candidate -> candidate.sourceSystem().equals(snapshot.sourceSystem())
                            && candidate.projectKey().equals(snapshot.projectKey()))
                    .findFirst();
            if (approvedOnly && project.map(Draft.Project::approvedBy).isEmpty()) {
                continue;
            }
            PublishOutcome outcome = publisher.publish(snapshot, draft.id());
            outcomes.add(outcome);
            Draft.LastPublish last = new Draft.LastPublish(clock.instant(), outcome.published(),
                    outcome.refused().size());
            current = current.withProject(snapshot.sourceSystem(), snapshot.projectKey(),
                    published -> new Draft.Project(published.sourceSystem(), published.projectKey(),
                            published.projectName(), published.revision(), published.tasks(),
                            published.crewAssignments(), published.equipmentReservations(), published.approvedBy(),
                            last));
            store.update(current);
        }
        return outcomes;
    }
}
