package io.trestle.schedule.rest;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.trestle.schedule.drafts.DraftPublishing;
import io.trestle.schedule.drafts.DraftStore;
import io.trestle.schedule.drafts.DraftStore.Saved;
import io.trestle.schedule.publish.NotReadyException;
import io.trestle.schedule.publish.PublishFailedException;
import io.trestle.schedule.publish.PublishOutcome;
import io.trestle.schedule.publish.VersionTooLargeException;

/**
 * What every way in answers once a schedule is kept as a draft: publishing it when a rule approved it, then the draft.
 */
@ApplicationScoped
public class Arrivals {

    private final DraftPublishing publishing;
    private final DraftStore drafts;

    @Inject
    public Arrivals(DraftPublishing publishing, DraftStore drafts) {
        this.publishing = publishing;
        this.drafts = drafts;
    }

    /** 201 with the draft's location for a new draft, 200 for one received before. */
    Response answer(Saved saved) {
        List<PublishOutcome> published;
        try {
            published = publishing.publishApproved(saved.draft());
        } catch (NotReadyException | PublishFailedException | VersionTooLargeException e) {
            return ScheduleProblems.keptAsDraft(saved.draft(), e);
        }
        Received received = new Received(drafts.find(saved.draft().id()).orElse(saved.draft()), saved.created(),
                published);
        return saved.created()
                ? Response.created(URI.create("/api/v1/schedules/drafts/" + saved.draft().id())).entity(received)
                        .build()
                : Response.ok(received).build();
    }
}
