package io.trestle.devregistry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trestle.devregistry.compat.AvroSchemas;
import io.trestle.devregistry.compat.CompatibilityLevel;
import io.trestle.devregistry.compat.RuleViolationException;
import io.trestle.devregistry.compat.UnprocessableSchemaException;
import io.trestle.devregistry.store.ArtifactReference;
import io.trestle.devregistry.store.ArtifactVersion;
import io.trestle.devregistry.store.RegistryException;
import io.trestle.devregistry.store.RegistryStore;
import io.trestle.devregistry.store.RuleType;
import io.trestle.devregistry.store.StoredContent;
import io.trestle.devregistry.store.VersionInput;

/**
 * Apicurio's Confluent-compatible API ({@code /apis/ccompat/v7}) over the same store: subjects are the artifacts of the
 * default group, schema ids are contentIds, and a subject's compatibility level is its COMPATIBILITY rule.
 */
final class CcompatApi {

    static final List<String> BASE = List.of("apis", "ccompat", "v7");

    private static final Logger LOG = LoggerFactory.getLogger(CcompatApi.class);
    private static final String LATEST = "branch=latest";

    private final RegistryStore store;
    private final Router router = new Router();

    CcompatApi(RegistryStore store) {
        this.store = store;
        router.route("GET", "subjects", (r, p) -> HttpResponse.ok(strings(store.subjects())))
                .route("POST", "subjects/{subject}", this::lookup)
                .route("GET", "subjects/{subject}/versions", this::versions)
                .route("POST", "subjects/{subject}/versions", this::register)
                .route("GET", "subjects/{subject}/versions/{version}", this::subjectVersion)
                .route("GET", "subjects/{subject}/versions/{version}/schema",
                        (r, p) -> HttpResponse.text(content(subjectVersion(p)).content()))
                .route("GET", "subjects/{subject}/versions/{version}/referencedby", this::referencedBy)
                .route("GET", "schemas/types", (r, p) -> HttpResponse.ok(strings(List.of("JSON", "PROTOBUF", "AVRO"))))
                .route("GET", "schemas/ids/{id}", this::schemaById)
                .route("GET", "schemas/ids/{id}/schema", (r, p) -> HttpResponse.text(schema(p.get("id")).content()))
                .route("GET", "schemas/ids/{id}/versions", this::schemaVersions)
                .route("GET", "schemas/ids/{id}/subjects", this::schemaSubjects)
                .route("POST", "compatibility/subjects/{subject}/versions", this::compatibleWithAll)
                .route("POST", "compatibility/subjects/{subject}/versions/{version}", this::compatibleWithVersion)
                .route("GET", "config", (r, p) -> compatibilityLevel(globalCompatibility()))
                .route("PUT", "config", this::putGlobalConfig)
                .route("GET", "config/{subject}", this::subjectConfig)
                .route("PUT", "config/{subject}", this::putSubjectConfig)
                .route("DELETE", "config/{subject}", this::deleteSubjectConfig)
                .route("GET", "mode", (r, p) -> mode())
                .route("GET", "mode/{subject}", (r, p) -> mode());
    }

    HttpResponse handle(HttpRequest request) {
        try {
            return router.dispatch(request);
        } catch (CcompatError e) {
            return error(e.status, e.errorCode, e.getMessage());
        } catch (RuleViolationException e) {
            // Apicurio answers a rule violation with the plain 409 code and the exception's name in the message.
            return error(409, 409, "io.apicurio.registry.rules.violation.RuleViolationException: " + e.getMessage());
        } catch (UnprocessableSchemaException e) {
            return error(422, 42201, e.getMessage());
        } catch (Json.MalformedJsonException | HttpRequest.BadParameterException e) {
            return error(400, 400, e.getMessage());
        } catch (Router.NoRouteException e) {
            return error(e.status(), e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", request.method(), request.segments(), e);
            return error(500, 50001, String.valueOf(e.getMessage()));
        }
    }

    private static HttpResponse error(int status, int errorCode, String message) {
        ObjectNode body = Json.object();
        body.put("message", message);
        body.put("error_code", errorCode);
        return HttpResponse.json(status, body);
    }

    // ------------------------------------------------------------------ subjects

    private HttpResponse versions(HttpRequest request, Map<String, String> params) {
        ArrayNode versions = Json.array();
        for (ArtifactVersion version : subjectVersions(params.get("subject"))) {
            versionNumber(version).ifPresent(versions::add);
        }
        return HttpResponse.ok(versions);
    }

    private HttpResponse subjectVersion(HttpRequest request, Map<String, String> params) {
        ArtifactVersion version = subjectVersion(params);
        return HttpResponse.ok(schemaWithCoordinates(version, content(version)));
    }

    private HttpResponse referencedBy(HttpRequest request, Map<String, String> params) {
        ArtifactVersion version = subjectVersion(params);
        ArrayNode ids = Json.array();
        store.contentIdsReferencing(null, version.artifactId(), version.version()).forEach(ids::add);
        return HttpResponse.ok(ids);
    }

    private HttpResponse register(HttpRequest request, Map<String, String> params) {
        VersionInput input = schemaInput(request, true);
        long id = store.registerSchema(params.get("subject"), input);
        ObjectNode body = Json.object();
        body.put("id", id);
        return HttpResponse.ok(body);
    }

    private HttpResponse lookup(HttpRequest request, Map<String, String> params) {
        String subject = params.get("subject");
        VersionInput input = schemaInput(request, false);
        requireSubject(subject);
        ArtifactVersion version = store.findSchema(subject, input)
                .orElseThrow(() -> new CcompatError(404, 40403,
                        "The given schema does not match any schema under the subject " + subject));
        return HttpResponse.ok(schemaWithCoordinates(version, content(version)));
    }

    // ------------------------------------------------------------------ schemas by id (= contentId)

    private HttpResponse schemaById(HttpRequest request, Map<String, String> params) {
        StoredContent content = schema(params.get("id"));
        ObjectNode body = Json.object();
        body.put("schema", content.content());
        putReferences(body, content.references());
        return HttpResponse.ok(body);
    }

    private HttpResponse schemaVersions(HttpRequest request, Map<String, String> params) {
        StoredContent content = schema(params.get("id"));
        ArrayNode versions = Json.array();
        for (ArtifactVersion version : defaultGroupVersionsOf(content)) {
            versionNumber(version).ifPresent(number -> {
                ObjectNode node = versions.addObject();
                node.put("subject", version.artifactId());
                node.put("version", number);
            });
        }
        return HttpResponse.ok(versions);
    }

    private HttpResponse schemaSubjects(HttpRequest request, Map<String, String> params) {
        StoredContent content = schema(params.get("id"));
        return HttpResponse
                .ok(strings(
                        defaultGroupVersionsOf(content).stream().map(ArtifactVersion::artifactId).distinct().toList()));
    }

    private List<ArtifactVersion> defaultGroupVersionsOf(StoredContent content) {
        return store.versionsWithContentId(content.contentId()).stream().filter(v -> v.groupId() == null).toList();
    }

    private StoredContent schema(String id) {
        try {
            return store.contentById(Long.parseLong(id));
        } catch (NumberFormatException | RegistryException e) {
            throw new CcompatError(404, 40403, "Schema " + id + " not found.");
        }
    }

    // ------------------------------------------------------------------ compatibility and config

    private HttpResponse compatibleWithAll(HttpRequest request, Map<String, String> params) {
        String subject = params.get("subject");
        VersionInput input = schemaInput(request, false);
        requireSubject(subject);
        return isCompatible(store.isCompatible(subject, null, input));
    }

    private HttpResponse compatibleWithVersion(HttpRequest request, Map<String, String> params) {
        VersionInput input = schemaInput(request, false);
        ArtifactVersion version = subjectVersion(params);
        return isCompatible(store.isCompatible(version.artifactId(), version.version(), input));
    }

    /** {@code ?verbose=true} adds no messages in Apicurio 3.3.3 (recorded), so it is ignored. */
    private static HttpResponse isCompatible(boolean compatible) {
        ObjectNode body = Json.object();
        body.put("is_compatible", compatible);
        return HttpResponse.ok(body);
    }

    private String globalCompatibility() {
        return store.globalRules().getOrDefault(RuleType.COMPATIBILITY, CompatibilityLevel.NONE.name());
    }

    private HttpResponse putGlobalConfig(HttpRequest request, Map<String, String> params) {
        String level = requestedLevel(request);
        if (store.globalRules().containsKey(RuleType.COMPATIBILITY)) {
            store.updateGlobalRule(RuleType.COMPATIBILITY, level);
        } else {
            store.createGlobalRule(RuleType.COMPATIBILITY, level);
        }
        return configUpdated(level);
    }

    /**
     * A subject's level is its own COMPATIBILITY rule, else NONE: Apicurio does not fall back to the global rule here.
     */
    private HttpResponse subjectConfig(HttpRequest request, Map<String, String> params) {
        String subject = params.get("subject");
        requireSubject(subject);
        return compatibilityLevel(subjectCompatibility(subject));
    }

    private HttpResponse putSubjectConfig(HttpRequest request, Map<String, String> params) {
        String subject = params.get("subject");
        String level = requestedLevel(request);
        requireSubject(subject);
        store.putArtifactRule(null, subject, RuleType.COMPATIBILITY, level);
        return configUpdated(level);
    }

    private HttpResponse deleteSubjectConfig(HttpRequest request, Map<String, String> params) {
        String subject = params.get("subject");
        requireSubject(subject);
        String previous = subjectCompatibility(subject);
        if (store.artifactRules(null, subject).containsKey(RuleType.COMPATIBILITY)) {
            store.deleteArtifactRule(null, subject, RuleType.COMPATIBILITY);
        }
        return compatibilityLevel(previous);
    }

    private String subjectCompatibility(String subject) {
        return store.artifactRules(null, subject).getOrDefault(RuleType.COMPATIBILITY,
                CompatibilityLevel.NONE.name());
    }

    private static String requestedLevel(HttpRequest request) {
        JsonNode body = request.jsonBody();
        String level = Json.text(body, "compatibility");
        if (level == null) {
            level = Json.text(body, "compatibilityLevel");
        }
        String requested = level;
        return CompatibilityLevel.parse(level).map(Enum::name)
                .orElseThrow(() -> new CcompatError(422, 42203, "Invalid compatibility level: " + requested));
    }

    private static HttpResponse compatibilityLevel(String level) {
        ObjectNode body = Json.object();
        body.put("compatibilityLevel", level);
        return HttpResponse.ok(body);
    }

    private static HttpResponse configUpdated(String level) {
        ObjectNode body = Json.object();
        body.put("compatibility", level);
        body.put("normalize", false);
        return HttpResponse.ok(body);
    }

    private static HttpResponse mode() {
        ObjectNode body = Json.object();
        body.put("mode", "READWRITE");
        return HttpResponse.ok(body);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The schema of a register, lookup or compatibility request. Without a {@code schemaType} Apicurio discovers the
     * type from the content, and content that is no valid schema fails that discovery (recorded: 422 42201).
     */
    private VersionInput schemaInput(HttpRequest request, boolean discoverType) {
        JsonNode body = request.jsonBody();
        String schema = Json.text(body, "schema");
        if (schema == null || schema.isBlank()) {
            throw new CcompatError(422, 42201, "Empty schema");
        }
        String schemaType = Json.text(body, "schemaType");
        if (schemaType != null && !RegistryStore.AVRO.equals(schemaType)) {
            throw new CcompatError(422, 42201, "Schema type '" + schemaType
                    + "' is not supported: the Trestle dev registry stores AVRO schemas only.");
        }
        List<ArtifactReference> references = new ArrayList<>();
        JsonNode referenceNodes = body.get("references");
        if (referenceNodes != null && referenceNodes.isArray()) {
            for (JsonNode reference : referenceNodes) {
                references.add(new ArtifactReference(null, Json.text(reference, "subject"),
                        Json.text(reference, "version"), Json.text(reference, "name")));
            }
        }
        VersionInput input = new VersionInput(null, schema, HttpResponse.APPLICATION_JSON, references);
        if (discoverType && schemaType == null && !AvroSchemas.isValid(store.resolve(input))) {
            throw new CcompatError(422, 42201, "Failed to discover artifact type from content.");
        }
        return input;
    }

    private ObjectNode schemaWithCoordinates(ArtifactVersion version, StoredContent content) {
        ObjectNode body = Json.object();
        body.put("subject", version.artifactId());
        versionNumber(version).ifPresent(number -> body.put("version", number));
        body.put("id", content.contentId());
        body.put("schema", content.content());
        putReferences(body, content.references());
        return body;
    }

    private static void putReferences(ObjectNode body, List<ArtifactReference> references) {
        if (references.isEmpty()) {
            return;
        }
        ArrayNode array = body.putArray("references");
        for (ArtifactReference reference : references) {
            ObjectNode node = array.addObject();
            node.put("name", reference.name());
            node.put("subject", reference.artifactId());
            try {
                node.put("version", Integer.parseInt(reference.version()));
            } catch (NumberFormatException e) {
                node.put("version", reference.version());
            }
        }
    }

    private StoredContent content(ArtifactVersion version) {
        return store.content(version);
    }

    private ArtifactVersion subjectVersion(Map<String, String> params) {
        String subject = params.get("subject");
        String version = params.get("version");
        String expression = versionExpression(version);
        requireSubject(subject);
        try {
            return store.version(null, subject, expression);
        } catch (RegistryException e) {
            throw new CcompatError(404, 40402, "Version " + version + " not found.");
        }
    }

    private List<ArtifactVersion> subjectVersions(String subject) {
        requireSubject(subject);
        return store.versions(null, subject);
    }

    private void requireSubject(String subject) {
        try {
            store.artifactMetaData(null, subject);
        } catch (RegistryException e) {
            throw new CcompatError(404, 40401, "Subject '" + subject + "' not found.");
        }
    }

    /** ccompat versions are {@code latest} (or -1) or a positive integer. */
    private static String versionExpression(String version) {
        if ("latest".equals(version) || "-1".equals(version)) {
            return LATEST;
        }
        try {
            if (Integer.parseInt(version) > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CcompatError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static Optional<Integer> versionNumber(ArtifactVersion version) {
        try {
            return Optional.of(Integer.parseInt(version.version()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    /** A ccompat error answer: HTTP status, Confluent error code and message. */
    private static final class CcompatError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final int errorCode;

        CcompatError(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }
}
