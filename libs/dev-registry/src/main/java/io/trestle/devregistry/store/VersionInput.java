package io.trestle.devregistry.store;

import java.util.List;

/**
 * The content of a version to create.
 *
 * @param version
 *            the requested version name, or null to let the registry number it
 */
public record VersionInput(String version, String content, String contentType, List<ArtifactReference> references) {

    public VersionInput {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
