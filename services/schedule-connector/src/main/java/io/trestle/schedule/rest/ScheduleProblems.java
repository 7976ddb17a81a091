package io.trestle.schedule.rest;

import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trestle.rest.Problem;
import io.trestle.schedule.drafts.Draft;
import io.trestle.schedule.publish.NotReadyException;
import io.trestle.schedule.publish.PublishFailedException;
import io.trestle.schedule.publish.VersionTooLargeException;
import io.trestle.schedule.read.UnreadableScheduleException;
import io.trestle.schedule.webhook.InvalidPlannerScheduleException;

/** The problem documents of the schedule API's failures, the same from every endpoint. */
public class ScheduleProblems {

    /** The published versions and the crosswalk are typically read within seconds of startup. */
    static final String NOT_READY_RETRY_AFTER_SECONDS = "10";

    @ServerExceptionMapper
    public Response notReady(NotReadyException exception) {
        return Problem.of("not-ready", "Not ready to publish", Response.Status.SERVICE_UNAVAILABLE,
                "Nothing was published: " + exception.getMessage() + ". Retry shortly.").toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, NOT_READY_RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishFailedException exception) {
        return Problem.of("publish-failed", "Publish not acknowledged", Response.Status.SERVICE_UNAVAILABLE,
                exception.getMessage() + ". The published version did not move: publish again, and the same events "
                        + "are sent under the same ids, which consumers drop.")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response tooLarge(VersionTooLargeException exception) {
        return Problem.of("schedule-too-large", "Schedule too large", Response.Status.REQUEST_ENTITY_TOO_LARGE,
                exception.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(UnreadableScheduleException exception) {
        return unreadableSchedule(exception.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidPlannerSchedule(InvalidPlannerScheduleException exception) {
        return Problem.invalid("Invalid schedule", exception.violations().size()
                + " problem(s) in the schedule; nothing of it was kept or published.", exception.violations())
                .toResponse();
    }

    static Response unreadableSchedule(String detail) {
        // 422: Response.Status has no constant for it.
        return new Problem("https://trestle.dev/problems/unreadable-schedule", "Unreadable schedule", 422, detail,
                null).toResponse();
    }

    /** A schedule kept as a draft whose publishing on arrival, as approved, did not happen. */
    static Response keptAsDraft(Draft draft, RuntimeException failure) {
        String detail = "The schedule is kept as draft " + draft.id() + ", approved by " + approvals(draft)
                + ", but publishing it failed: " + failure.getMessage() + ". Send it again or POST "
                + "/api/v1/schedules/drafts/" + draft.id() + "/publish.";
        if (failure instanceof VersionTooLargeException) {
            return Problem.of("schedule-too-large", "Schedule too large", Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    detail).toResponse();
        }
        return Problem.of(failure instanceof NotReadyException ? "not-ready" : "publish-failed",
                "Kept as draft, not published", Response.Status.SERVICE_UNAVAILABLE, detail).toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, NOT_READY_RETRY_AFTER_SECONDS).build();
    }

    private static String approvals(Draft draft) {
        return draft.projects().stream().map(Draft.Project::approvedBy).filter(rule -> rule != null).distinct()
                .collect(Collectors.joining("; "));
    }

    static Response notAuthenticated() {
        return Problem.of("unauthenticated", "Not authenticated", Response.Status.UNAUTHORIZED,
                "Send the API key of your client in the X-Api-Key header.").toResponse();
    }
}
