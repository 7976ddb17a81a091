package io.trestle.schedule.mapping;

import java.util.Optional;

import io.trestle.schema.common.ExternalId;

/** The crosswalk as the event mapping sees it: an external id's canonical id, empty when it has no active mapping. */
@FunctionalInterface
public interface CanonicalIds {

    Optional<String> resolve(ExternalId externalId);
}
