package io.trestle.devregistry.store;

/**
 * A reference from one schema to a named type held by another artifact version, as Apicurio stores it.
 *
 * @param groupId
 *            null when the reference names no group, which Apicurio resolves to the default group
 */
public record ArtifactReference(String groupId, String artifactId, String version, String name) {
}
