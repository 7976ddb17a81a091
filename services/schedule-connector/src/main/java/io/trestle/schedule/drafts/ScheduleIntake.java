package io.trestle.schedule.drafts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.trestle.schedule.drafts.DraftStore.Saved;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.read.UnreadableScheduleException;
import io.trestle.schedule.service.ImportedSchedule;
import io.trestle.schedule.service.ScheduleMetrics;
import io.trestle.schedule.webhook.InvalidPlannerScheduleException;
import io.trestle.schedule.webhook.PlannerSchedules;

/**
 * Where every schedule arrives, whichever way it came: it is read in full and kept as a draft under the hash of its
 * content, so the same file twice is one draft. Nothing is published here; see {@link DraftPublishing}.
 */
@ApplicationScoped
public class ScheduleIntake {

    private static final Logger LOG = Logger.getLogger(ScheduleIntake.class);

    private final DraftReader reader;
    private final DraftStore store;
    private final ScheduleMetrics metrics;
    private final Clock clock;

    @Inject
    public ScheduleIntake(DraftReader reader, DraftStore store, ScheduleMetrics metrics) {
        this.reader = reader;
        this.store = store;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param fileName
     *            for people only; null when none was given
     * @param client
     *            the API client that sent it, null for the drop folder
     * @throws UnreadableScheduleException
     *             when a file is not a schedule the connector reads; nothing is kept as a draft
     * @throws InvalidPlannerScheduleException
     *             when the webhook's JSON is not a valid schedule; nothing is kept as a draft
     */
    public Saved receive(byte[] content, DraftSource source, String fileName, String client) {
        List<ImportedSchedule> schedules = reader.read(content, source, client);
        Draft draft = new Draft(draftId(content, source, client), source, fileName, client,
                schedules.get(0).snapshot().format(), clock.instant(), content.length,
                schedules.stream().map(ScheduleIntake::project).toList());
        Saved saved = store.saveIfAbsent(draft, content);
        metrics.draftReceived(source.tag());
        LOG.infof("%s draft %s (%s, %s) with %d project(s) from %s", saved.created() ? "New" : "Repeated",
                saved.draft().id(), fileName == null ? "no file name" : fileName, draft.format(),
                draft.projects().size(), client == null ? source.tag() : client);
        return saved;
    }

    /**
     * The content's SHA-256; the webhook's also covers the client, since the same body from two planners is two
     * schedules.
     */
    static String draftId(byte[] content, DraftSource source, String client) {
        if (source != DraftSource.WEBHOOK) {
            return SnapshotJson.sha256(content);
        }
        byte[] planner = (PlannerSchedules.sourceSystem(client) + "\u0000").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[planner.length + content.length];
        System.arraycopy(planner, 0, both, 0, planner.length);
        System.arraycopy(content, 0, both, planner.length, content.length);
        return SnapshotJson.sha256(both);
    }

    private static Draft.Project project(ImportedSchedule schedule) {
        ScheduleSnapshot snapshot = schedule.snapshot();
        return new Draft.Project(snapshot.sourceSystem(), snapshot.projectKey(), snapshot.projectName(),
                snapshot.revision(), snapshot.tasks().size(), snapshot.crewAssignments().size(),
                snapshot.equipmentReservations().size(), schedule.approvedBy().orElse(null), null);
    }
}
