package io.trestle.schedule.drafts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trestle.schedule.model.ScheduleFormat;

/**
 * A schedule as received, kept on disk until it is published (and after, as a record of what was). Drafts never reach
 * Kafka; only publishing one does.
 *
 * @param id
 *            SHA-256 of the content in hex (of the client's name and the body, for the webhook), so the same file
 *            received twice is one draft
 * @param fileName
 *            the name the file was uploaded or dropped under, for people only; null when none was given
 * @param client
 *            the API client that sent it, null for the drop folder
 * @param size
 *            bytes of the content
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Draft(String id, DraftSource source, String fileName, String client, ScheduleFormat format,
        Instant receivedAt, long size, List<Project> projects) {

    public Draft {
        projects = List.copyOf(projects);
    }

    public enum Status {
        /** No project of it was published. */
        DRAFT,
        /** Some of its projects were published. */
        PARTLY_PUBLISHED,
        /** Every project of it was published. */
        PUBLISHED
    }

    /** Derived from its projects, so it cannot disagree with them. */
    @JsonProperty("status")
    public Status status() {
        long published = projects.stream().filter(project -> project.lastPublished() != null).count();
        if (published == 0) {
            return Status.DRAFT;
        }
        return published == projects.size() ? Status.PUBLISHED : Status.PARTLY_PUBLISHED;
    }

    /** The draft with one project replaced. */
    Draft withProject(String sourceSystem, String projectKey, UnaryOperator<Project> change) {
        return new Draft(id, source, fileName, client, format, receivedAt, size, projects.stream()
                .map(project -> project.is(sourceSystem, projectKey) ? change.apply(project) : project).toList());
    }

    /**
     * One project of the draft, with its size and what became of it.
     *
     * @param approvedBy
     *            the rule that approved it for publishing on arrival, null when it waits for the publish API
     * @param lastPublished
     *            when it was last published from this draft and what that published, null while it was not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Project(String sourceSystem, String projectKey, String projectName, String revision, int tasks,
            int crewAssignments, int equipmentReservations, String approvedBy, LastPublish lastPublished) {

        boolean is(String sourceSystem, String projectKey) {
            return this.sourceSystem.equals(sourceSystem) && this.projectKey.equals(projectKey);
        }
    }

    /**
     * @param published
     *            events published, by event type; empty when nothing had changed
     * @param refused
     *            changes quarantined, to be published by a later publish once fixed
     */
    public record LastPublish(Instant at, Map<String, Integer> published, int refused) {
    }
}
