package io.trestle.devregistry.store;

import java.util.List;
import java.util.Map;

/**
 * The whole registry state as persisted in the data directory. The sequences are part of it, so ids handed out after a
 * restart never collide with (or reuse) ids from before it.
 */
record Snapshot(int format, long nextGlobalId, long nextContentId, List<StoredContent> contents,
        List<ArtifactState> artifacts, Map<RuleType, String> globalRules) {

    static final int FORMAT = 1;

    record ArtifactState(String groupId, String artifactId, String artifactType, long createdOn, long modifiedOn,
            List<ArtifactVersion> versions, Map<RuleType, String> rules) {
    }
}
