package io.trestle.devregistry.store;

import java.util.List;

/**
 * One distinct piece of content (schema text plus its references): the unit a contentId names. Several artifact
 * versions, even in different artifacts, share it when they register the same content.
 *
 * @param content
 *            the schema text exactly as it was registered, never canonicalised
 */
public record StoredContent(long contentId, String content, String contentType, List<ArtifactReference> references,
        String contentHash) {

    public StoredContent {
        references = List.copyOf(references);
    }
}
