package io.trestle.schedule.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trestle.schedule.drafts.Draft;
import io.trestle.schedule.publish.PublishOutcome;

/**
 * The answer to a schedule received: the draft it is kept as and, when a rule approved it on arrival, what publishing
 * it did.
 *
 * @param created
 *            false when the same content had been received before: it is the same draft
 * @param published
 *            one entry per project published on arrival; empty when the draft waits for the publish API
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Received(Draft draft, boolean created, List<PublishOutcome> published) {
}
