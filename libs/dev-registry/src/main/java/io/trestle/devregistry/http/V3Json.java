package io.trestle.devregistry.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trestle.devregistry.compat.RuleViolation;
import io.trestle.devregistry.compat.RuleViolationException;
import io.trestle.devregistry.store.ArtifactMetaData;
import io.trestle.devregistry.store.ArtifactReference;
import io.trestle.devregistry.store.ArtifactVersion;

/**
 * The v3 API's JSON shapes, keys in the order Apicurio 3.3.3 writes them (see the recording). No auth means empty owner
 * and modifiedBy; the default group is written by leaving {@code groupId} out. Where the recording shows no
 * {@code groupId} (it only has the default group), it is placed just before {@code artifactId}.
 */
final class V3Json {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private V3Json() {
    }

    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    static ObjectNode artifactMetaData(ArtifactMetaData artifact) {
        ObjectNode node = Json.object();
        node.put("owner", "");
        node.put("createdOn", timestamp(artifact.createdOn()));
        node.put("modifiedBy", "");
        node.put("modifiedOn", timestamp(artifact.modifiedOn()));
        node.put("artifactType", artifact.artifactType());
        putGroup(node, artifact.groupId());
        node.put("artifactId", artifact.artifactId());
        return node;
    }

    static ObjectNode searchedArtifact(ArtifactMetaData artifact) {
        ObjectNode node = Json.object();
        node.put("createdOn", timestamp(artifact.createdOn()));
        node.put("owner", "");
        node.put("artifactType", artifact.artifactType());
        node.put("modifiedOn", timestamp(artifact.modifiedOn()));
        node.put("modifiedBy", "");
        putGroup(node, artifact.groupId());
        node.put("artifactId", artifact.artifactId());
        return node;
    }

    static ObjectNode versionMetaData(ArtifactVersion version) {
        ObjectNode node = Json.object();
        node.put("version", version.version());
        node.put("owner", "");
        node.put("createdOn", timestamp(version.createdOn()));
        node.put("artifactType", version.artifactType());
        node.put("globalId", version.globalId());
        node.put("state", "ENABLED");
        node.put("contentId", version.contentId());
        putGroup(node, version.groupId());
        node.put("artifactId", version.artifactId());
        node.put("modifiedBy", "");
        node.put("modifiedOn", timestamp(version.modifiedOn()));
        return node;
    }

    static ObjectNode searchedVersion(ArtifactVersion version) {
        ObjectNode node = Json.object();
        node.put("createdOn", timestamp(version.createdOn()));
        node.put("owner", "");
        node.put("artifactType", version.artifactType());
        node.put("state", "ENABLED");
        node.put("globalId", version.globalId());
        node.put("version", version.version());
        node.put("contentId", version.contentId());
        putGroup(node, version.groupId());
        node.put("artifactId", version.artifactId());
        node.put("modifiedBy", "");
        node.put("modifiedOn", timestamp(version.modifiedOn()));
        return node;
    }

    static ObjectNode versionResults(long count, List<ArtifactVersion> page) {
        ObjectNode node = Json.object();
        node.put("count", count);
        ArrayNode versions = node.putArray("versions");
        page.forEach(v -> versions.add(searchedVersion(v)));
        return node;
    }

    static ObjectNode artifactResults(long count, List<ArtifactMetaData> page) {
        ObjectNode node = Json.object();
        ArrayNode artifacts = node.putArray("artifacts");
        page.forEach(a -> artifacts.add(searchedArtifact(a)));
        node.put("count", count);
        return node;
    }

    static ArrayNode references(List<ArtifactReference> references) {
        ArrayNode array = Json.array();
        for (ArtifactReference reference : references) {
            ObjectNode node = array.addObject();
            putGroup(node, reference.groupId());
            node.put("artifactId", reference.artifactId());
            node.put("version", reference.version());
            node.put("name", reference.name());
        }
        return array;
    }

    static ObjectNode rule(String ruleType, String config) {
        ObjectNode node = Json.object();
        node.put("config", config);
        node.put("ruleType", ruleType);
        return node;
    }

    /** Apicurio's ProblemDetails: {@code detail} is {@code "<ExceptionName>: <message>"}, {@code title} the message. */
    static ObjectNode problem(int status, String exceptionName, String message) {
        ObjectNode node = Json.object();
        node.put("detail", exceptionName + ": " + message);
        node.put("title", message);
        node.put("status", status);
        node.put("name", exceptionName);
        return node;
    }

    /** A rule violation: the causes come first, and {@code detail} is the message plus the causes, unprefixed. */
    static ObjectNode ruleViolation(RuleViolationException violation) {
        ObjectNode node = Json.object();
        ArrayNode causes = node.putArray("causes");
        for (RuleViolation cause : violation.causes()) {
            ObjectNode causeNode = causes.addObject();
            causeNode.put("description", cause.description());
            causeNode.put("context", cause.context());
        }
        node.put("detail", violation.detail());
        node.put("title", violation.getMessage());
        node.put("status", 400);
        node.put("name", "RuleViolationException");
        return node;
    }

    private static void putGroup(ObjectNode node, String groupId) {
        if (groupId != null) {
            node.put("groupId", groupId);
        }
    }
}
