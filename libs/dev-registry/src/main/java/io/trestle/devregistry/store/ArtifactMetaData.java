package io.trestle.devregistry.store;

/**
 * The artifact-level metadata the APIs return.
 *
 * @param groupId
 *            null for the default group
 */
public record ArtifactMetaData(String groupId, String artifactId, String artifactType, long createdOn,
        long modifiedOn) {
}
