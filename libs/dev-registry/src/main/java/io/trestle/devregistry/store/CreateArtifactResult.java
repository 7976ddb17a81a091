package io.trestle.devregistry.store;

/**
 * What creating (or finding) an artifact returns: the artifact and, when a first version was given, the version that
 * was created or found.
 *
 * @param version
 *            null when the request carried no first version
 */
public record CreateArtifactResult(ArtifactMetaData artifact, ArtifactVersion version) {
}
