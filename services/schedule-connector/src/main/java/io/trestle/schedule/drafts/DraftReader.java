package io.trestle.schedule.drafts;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.read.UnreadableScheduleException;
import io.trestle.schedule.service.ImportedSchedule;
import io.trestle.schedule.service.ScheduleImport;
import io.trestle.schedule.webhook.InvalidPlannerScheduleException;
import io.trestle.schedule.webhook.PlannerSchedules;

/**
 * Reads a draft's content, when it arrives and again when it is published: a schedule file with MPXJ, the webhook's
 * JSON as the webhook does. Drafts keep their content rather than their snapshots, so a draft published after an
 * upgrade is read as the upgraded connector reads it.
 */
@ApplicationScoped
public class DraftReader {

    private final ScheduleImport files;
    private final PlannerSchedules webhook;

    @Inject
    public DraftReader(ScheduleImport files, ScheduleConnectorConfig config) {
        this.files = files;
        this.webhook = new PlannerSchedules(config.plannerZone());
    }

    /**
     * @param client
     *            the API client that sent it; for the webhook, whose planner it is
     * @throws UnreadableScheduleException
     *             when a file is not a schedule the connector reads
     * @throws InvalidPlannerScheduleException
     *             when the webhook's JSON is not a valid schedule
     */
    public List<ImportedSchedule> read(byte[] content, DraftSource source, String client) {
        if (source == DraftSource.WEBHOOK) {
            return List.of(webhook.read(content, client));
        }
        return files.readApproving(content);
    }
}
