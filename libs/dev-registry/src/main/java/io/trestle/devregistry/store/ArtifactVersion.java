package io.trestle.devregistry.store;

/**
 * One version of an artifact. Versions are never modified or deleted, so this is a value.
 *
 * @param groupId
 *            null for the default group
 */
public record ArtifactVersion(String groupId, String artifactId, String version, String artifactType, long globalId,
        long contentId, long createdOn, long modifiedOn) {
}
