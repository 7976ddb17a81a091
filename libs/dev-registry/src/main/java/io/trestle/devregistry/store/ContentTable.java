package io.trestle.devregistry.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every distinct content the registry holds, by contentId and by hash, and the contentId sequence. Not thread-safe:
 * {@link RegistryStore} guards it.
 */
final class ContentTable {

    private final TreeMap<Long, StoredContent> byId = new TreeMap<>();
    private final Map<String, Long> idsByHash = new HashMap<>();
    private long nextId = 1;

    /**
     * Stores the content unless the same content (text and references) is already there, and returns its id. Consumes a
     * contentId either way, as Apicurio's SQL storage does: it takes the next id, then tries the insert.
     */
    long ensure(VersionInput input) {
        long candidate = nextId++;
        String hash = hash(input.content(), input.references());
        Long existing = idsByHash.get(hash);
        if (existing != null) {
            return existing;
        }
        String contentType = input.contentType() == null ? "application/json" : input.contentType();
        byId.put(candidate, new StoredContent(candidate, input.content(), contentType, input.references(), hash));
        idsByHash.put(hash, candidate);
        return candidate;
    }

    /** @return null when there is no such content */
    StoredContent get(long contentId) {
        return byId.get(contentId);
    }

    Optional<StoredContent> byHash(String hash) {
        return Optional.ofNullable(idsByHash.get(hash)).map(byId::get);
    }

    Collection<StoredContent> all() {
        return byId.values();
    }

    long nextId() {
        return nextId;
    }

    void restore(long nextId, List<StoredContent> contents) {
        this.nextId = nextId;
        for (StoredContent content : contents) {
            byId.put(content.contentId(), content);
            idsByHash.put(content.contentHash(), content.contentId());
        }
    }

    /** SHA-256 of the content, and of its references when it has any: equal hash means the same contentId. */
    private static String hash(String content, List<ArtifactReference> references) {
        StringBuilder hashed = new StringBuilder(content);
        for (ArtifactReference reference : references) {
            hashed.append('\u0000').append(reference.groupId()).append('\u0001').append(reference.artifactId())
                    .append('\u0001').append(reference.version()).append('\u0001').append(reference.name());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(hashed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
