package io.trestle.devregistry.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trestle.devregistry.compat.AvroSchemas;
import io.trestle.devregistry.compat.RuleEngine;
import io.trestle.devregistry.compat.RuleViolationException;
import io.trestle.devregistry.compat.UnprocessableSchemaException;
import io.trestle.devregistry.store.ArtifactMetaData;
import io.trestle.devregistry.store.ArtifactReference;
import io.trestle.devregistry.store.ArtifactVersion;
import io.trestle.devregistry.store.CreateArtifactResult;
import io.trestle.devregistry.store.IfExists;
import io.trestle.devregistry.store.RegistryException;
import io.trestle.devregistry.store.RegistryStore;
import io.trestle.devregistry.store.RuleType;
import io.trestle.devregistry.store.StoredContent;
import io.trestle.devregistry.store.VersionInput;

/** The Apicurio Registry v3 REST API ({@code /apis/registry/v3}): the part the serdes use, plus what tests inspect. */
final class V3Api {

    static final List<String> BASE = List.of("apis", "registry", "v3");

    private static final Logger LOG = LoggerFactory.getLogger(V3Api.class);
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final RegistryStore store;
    private final String builtOn;
    private final Router router = new Router();

    V3Api(RegistryStore store, long startedAt) {
        this.store = store;
        this.builtOn = V3Json.timestamp(startedAt);
        router.route("GET", "system/info", this::systemInfo)
                .route("GET", "admin/rules", (r, p) -> ruleTypes(store.globalRules()))
                .route("POST", "admin/rules", this::createGlobalRule)
                .route("DELETE", "admin/rules", (r, p) -> deleteGlobalRules())
                .route("GET", "admin/rules/{ruleType}", this::globalRule)
                .route("PUT", "admin/rules/{ruleType}", this::updateGlobalRule)
                .route("DELETE", "admin/rules/{ruleType}", this::deleteGlobalRule)
                .route("GET", "search/artifacts", this::searchArtifacts)
                .route("POST", "search/versions", this::searchVersionsByContent)
                .route("GET", "ids/globalIds/{id}", this::contentByGlobalId)
                .route("GET", "ids/globalIds/{id}/references", this::referencesByGlobalId)
                .route("GET", "ids/contentIds/{id}", this::contentByContentId)
                .route("GET", "ids/contentIds/{id}/references", this::referencesByContentId)
                .route("GET", "ids/contentHashes/{hash}", this::contentByHash)
                .route("GET", "ids/contentHashes/{hash}/references", this::referencesByHash)
                .route("GET", "groups/{groupId}/artifacts", this::listArtifacts)
                .route("POST", "groups/{groupId}/artifacts", this::createArtifact)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}", this::artifactMetaData)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/versions", this::listVersions)
                .route("POST", "groups/{groupId}/artifacts/{artifactId}/versions", this::createVersion)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/versions/{version}", this::versionMetaData)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/versions/{version}/content",
                        this::versionContent)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/versions/{version}/references",
                        this::versionReferences)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/rules",
                        (r, p) -> ruleTypes(store.artifactRules(p.get("groupId"), p.get("artifactId"))))
                .route("POST", "groups/{groupId}/artifacts/{artifactId}/rules", this::createArtifactRule)
                .route("DELETE", "groups/{groupId}/artifacts/{artifactId}/rules", this::deleteArtifactRules)
                .route("GET", "groups/{groupId}/artifacts/{artifactId}/rules/{ruleType}", this::artifactRule)
                .route("PUT", "groups/{groupId}/artifacts/{artifactId}/rules/{ruleType}", this::updateArtifactRule)
                .route("DELETE", "groups/{groupId}/artifacts/{artifactId}/rules/{ruleType}",
                        this::deleteArtifactRule);
    }

    HttpResponse handle(HttpRequest request) {
        try {
            return router.dispatch(request);
        } catch (RuleViolationException e) {
            return HttpResponse.json(400, V3Json.ruleViolation(e));
        } catch (RegistryException e) {
            return problem(e.kind().status(), e.kind().exceptionName(), e.getMessage());
        } catch (UnprocessableSchemaException e) {
            return problem(422, "UnprocessableSchemaException", e.getMessage());
        } catch (Json.MalformedJsonException | HttpRequest.BadParameterException e) {
            return problem(400, "BadRequestException", e.getMessage());
        } catch (Router.NoRouteException e) {
            return problem(e.status(), e.status() == 404 ? "NotFoundException" : "NotAllowedException",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", request.method(), request.segments(), e);
            return problem(500, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private static HttpResponse problem(int status, String exceptionName, String message) {
        return HttpResponse.json(status, V3Json.problem(status, exceptionName, message));
    }

    // ------------------------------------------------------------------ system

    private HttpResponse systemInfo(HttpRequest request, Map<String, String> params) {
        ObjectNode info = Json.object();
        // What Apicurio 3.3.3 reports, so clients that check the server see the version they were built against.
        info.put("name", "Apicurio Registry (SQL)");
        info.put("description", "High performance, runtime registry for schemas and API designs.");
        info.put("version", "3.3.3");
        info.put("builtOn", builtOn);
        return HttpResponse.ok(info);
    }

    // ------------------------------------------------------------------ rules

    private static HttpResponse ruleTypes(Map<RuleType, String> rules) {
        ArrayNode types = Json.array();
        rules.keySet().forEach(type -> types.add(type.name()));
        return HttpResponse.ok(types);
    }

    private HttpResponse createGlobalRule(HttpRequest request, Map<String, String> params) {
        JsonNode body = requiredBody(request);
        RuleType type = ruleType(Json.text(body, "ruleType"), "body.ruleType");
        store.createGlobalRule(type, ruleConfig(type, body));
        return HttpResponse.noContent();
    }

    private HttpResponse deleteGlobalRules() {
        store.deleteGlobalRules();
        return HttpResponse.noContent();
    }

    private HttpResponse globalRule(HttpRequest request, Map<String, String> params) {
        RuleType type = ruleType(params.get("ruleType"), "ruleType");
        return HttpResponse.ok(V3Json.rule(type.name(), store.globalRule(type)));
    }

    private HttpResponse updateGlobalRule(HttpRequest request, Map<String, String> params) {
        RuleType type = ruleType(params.get("ruleType"), "ruleType");
        String config = ruleConfig(type, requiredBody(request));
        store.updateGlobalRule(type, config);
        return HttpResponse.ok(V3Json.rule(type.name(), config));
    }

    private HttpResponse deleteGlobalRule(HttpRequest request, Map<String, String> params) {
        store.deleteGlobalRule(ruleType(params.get("ruleType"), "ruleType"));
        return HttpResponse.noContent();
    }

    private HttpResponse createArtifactRule(HttpRequest request, Map<String, String> params) {
        JsonNode body = requiredBody(request);
        RuleType type = ruleType(Json.text(body, "ruleType"), "body.ruleType");
        store.createArtifactRule(params.get("groupId"), params.get("artifactId"), type, ruleConfig(type, body));
        return HttpResponse.noContent();
    }

    private HttpResponse deleteArtifactRules(HttpRequest request, Map<String, String> params) {
        store.deleteArtifactRules(params.get("groupId"), params.get("artifactId"));
        return HttpResponse.noContent();
    }

    private HttpResponse artifactRule(HttpRequest request, Map<String, String> params) {
        RuleType type = ruleType(params.get("ruleType"), "ruleType");
        return HttpResponse
                .ok(V3Json.rule(type.name(),
                        store.artifactRule(params.get("groupId"), params.get("artifactId"), type)));
    }

    private HttpResponse updateArtifactRule(HttpRequest request, Map<String, String> params) {
        RuleType type = ruleType(params.get("ruleType"), "ruleType");
        String config = ruleConfig(type, requiredBody(request));
        store.updateArtifactRule(params.get("groupId"), params.get("artifactId"), type, config);
        return HttpResponse.ok(V3Json.rule(type.name(), config));
    }

    private HttpResponse deleteArtifactRule(HttpRequest request, Map<String, String> params) {
        store.deleteArtifactRule(params.get("groupId"), params.get("artifactId"),
                ruleType(params.get("ruleType"), "ruleType"));
        return HttpResponse.noContent();
    }

    private static RuleType ruleType(String value, String parameter) {
        if (value == null) {
            throw RegistryException.missingParameter(parameter);
        }
        return RuleType.parse(value).orElseThrow(() -> new HttpRequest.BadParameterException(
                "Unknown rule type '" + value + "': expected one of VALIDITY, COMPATIBILITY, INTEGRITY."));
    }

    private static String ruleConfig(RuleType type, JsonNode body) {
        String config = Json.text(body, "config");
        if (config == null) {
            throw RegistryException.missingParameter("body.config");
        }
        if (!RuleEngine.isValidConfig(type, config)) {
            throw new HttpRequest.BadParameterException(
                    "Invalid configuration '" + config + "' for a " + type + " rule.");
        }
        return config;
    }

    // ------------------------------------------------------------------ search

    private HttpResponse searchArtifacts(HttpRequest request, Map<String, String> params) {
        List<ArtifactMetaData> all = store.artifacts(request.queryParam("groupId"));
        return HttpResponse.ok(V3Json.artifactResults(all.size(), page(all, request)));
    }

    /** The serde's lookup by content: the body is the raw schema text, not JSON-wrapped. */
    private HttpResponse searchVersionsByContent(HttpRequest request, Map<String, String> params) {
        if (request.body().length == 0) {
            throw RegistryException.missingParameter("body");
        }
        List<ArtifactVersion> all = store.versionsWithContent(request.queryParam("groupId"),
                request.queryParam("artifactId"), request.queryParam("artifactType"), request.bodyText(),
                request.queryFlag("canonical"));
        return HttpResponse.ok(V3Json.versionResults(all.size(), page(all, request)));
    }

    /** Applies {@code order} (asc/desc over the natural order), {@code offset} and {@code limit}. */
    private static <T> List<T> page(List<T> all, HttpRequest request) {
        List<T> ordered = new ArrayList<>(all);
        if ("desc".equalsIgnoreCase(request.queryParam("order"))) {
            Collections.reverse(ordered);
        }
        int offset = Math.max(0, request.queryInt("offset", 0));
        int limit = Math.max(0, request.queryInt("limit", DEFAULT_PAGE_SIZE));
        return ordered.subList(Math.min(offset, ordered.size()), Math.min(offset + limit, ordered.size()));
    }

    // ------------------------------------------------------------------ ids

    private HttpResponse contentByGlobalId(HttpRequest request, Map<String, String> params) {
        long globalId = id(params.get("id"));
        return attachment(store.content(store.versionByGlobalId(globalId)), request, globalId + ".json");
    }

    private HttpResponse referencesByGlobalId(HttpRequest request, Map<String, String> params) {
        return HttpResponse.ok(V3Json.references(store.referencesByGlobalId(id(params.get("id")))));
    }

    private HttpResponse contentByContentId(HttpRequest request, Map<String, String> params) {
        long contentId = id(params.get("id"));
        return attachment(store.contentById(contentId), request, contentId + ".json");
    }

    private HttpResponse referencesByContentId(HttpRequest request, Map<String, String> params) {
        return HttpResponse.ok(V3Json.references(store.contentById(id(params.get("id"))).references()));
    }

    private HttpResponse contentByHash(HttpRequest request, Map<String, String> params) {
        String hash = params.get("hash");
        return attachment(store.contentByHash(hash), request, hash + ".json");
    }

    private HttpResponse referencesByHash(HttpRequest request, Map<String, String> params) {
        return HttpResponse.ok(V3Json.references(store.contentByHash(params.get("hash")).references()));
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new HttpRequest.BadParameterException("'" + value + "' is not a numeric id.");
        }
    }

    /** The content as registered, or with {@code ?references=DEREFERENCE} every referenced type written inline. */
    private HttpResponse attachment(StoredContent content, HttpRequest request, String fileName) {
        String text = content.content();
        if ("DEREFERENCE".equals(request.queryParam("references")) && !content.references().isEmpty()) {
            try {
                text = AvroSchemas.dereference(store.resolve(content));
            } catch (RuntimeException e) {
                throw new UnprocessableSchemaException("Cannot dereference content " + content.contentId(), e);
            }
        }
        return HttpResponse.attachment(text, content.contentType(), fileName);
    }

    // ------------------------------------------------------------------ groups, artifacts, versions

    private HttpResponse listArtifacts(HttpRequest request, Map<String, String> params) {
        List<ArtifactMetaData> all = store.artifacts(params.get("groupId"));
        return HttpResponse.ok(V3Json.artifactResults(all.size(), page(all, request)));
    }

    private HttpResponse createArtifact(HttpRequest request, Map<String, String> params) {
        JsonNode body = requiredBody(request);
        String ifExistsParam = request.queryParam("ifExists");
        IfExists ifExists = ifExistsParam == null
                ? IfExists.FAIL
                : IfExists.parse(ifExistsParam).orElseThrow(() -> new HttpRequest.BadParameterException(
                        "Unknown ifExists '" + ifExistsParam
                                + "': expected FAIL, CREATE_VERSION or FIND_OR_CREATE_VERSION."));
        JsonNode firstVersion = body.get("firstVersion");
        VersionInput first = firstVersion == null || firstVersion.isNull()
                ? null
                : versionInput(firstVersion, "body.firstVersion");
        CreateArtifactResult result = store.createArtifact(params.get("groupId"), Json.text(body, "artifactId"),
                Json.text(body, "artifactType"), first, ifExists, request.queryFlag("canonical"));
        ObjectNode response = Json.object();
        response.set("artifact", V3Json.artifactMetaData(result.artifact()));
        if (result.version() != null) {
            response.set("version", V3Json.versionMetaData(result.version()));
        }
        return HttpResponse.ok(response);
    }

    private HttpResponse artifactMetaData(HttpRequest request, Map<String, String> params) {
        return HttpResponse
                .ok(V3Json.artifactMetaData(store.artifactMetaData(params.get("groupId"), params.get("artifactId"))));
    }

    private HttpResponse listVersions(HttpRequest request, Map<String, String> params) {
        List<ArtifactVersion> all = store.versions(params.get("groupId"), params.get("artifactId"));
        return HttpResponse.ok(V3Json.versionResults(all.size(), page(all, request)));
    }

    private HttpResponse createVersion(HttpRequest request, Map<String, String> params) {
        VersionInput input = versionInput(requiredBody(request), "body");
        return HttpResponse
                .ok(V3Json
                        .versionMetaData(store.createVersion(params.get("groupId"), params.get("artifactId"), input)));
    }

    private HttpResponse versionMetaData(HttpRequest request, Map<String, String> params) {
        return HttpResponse.ok(V3Json.versionMetaData(version(params)));
    }

    private HttpResponse versionContent(HttpRequest request, Map<String, String> params) {
        ArtifactVersion version = version(params);
        return attachment(store.content(version), request, version.artifactId() + ".json");
    }

    private HttpResponse versionReferences(HttpRequest request, Map<String, String> params) {
        return HttpResponse.ok(V3Json.references(store.content(version(params)).references()));
    }

    /** The version named by the path; {@code branch=latest} arrives as {@code branch%3Dlatest} from the serde. */
    private ArtifactVersion version(Map<String, String> params) {
        return store.version(params.get("groupId"), params.get("artifactId"), params.get("version"));
    }

    private static VersionInput versionInput(JsonNode version, String path) {
        JsonNode content = version.get("content");
        if (content == null || content.isNull()) {
            throw RegistryException.missingParameter(path + ".content");
        }
        String text = Json.text(content, "content");
        if (text == null) {
            throw RegistryException.missingParameter(path + ".content.content");
        }
        String contentType = Json.text(content, "contentType");
        if (contentType == null) {
            throw RegistryException.missingParameter(path + ".content.contentType");
        }
        if (text.isEmpty()) {
            throw RegistryException.badRequest("Empty content is not allowed.");
        }
        return new VersionInput(Json.text(version, "version"), text, contentType,
                references(content.get("references")));
    }

    private static List<ArtifactReference> references(JsonNode references) {
        List<ArtifactReference> result = new ArrayList<>();
        if (references != null && references.isArray()) {
            for (JsonNode reference : references) {
                result.add(new ArtifactReference(Json.text(reference, "groupId"), Json.text(reference, "artifactId"),
                        Json.text(reference, "version"), Json.text(reference, "name")));
            }
        }
        return result;
    }

    private static JsonNode requiredBody(HttpRequest request) {
        JsonNode body = request.jsonBody();
        if (body == null || !body.isObject()) {
            throw RegistryException.missingParameter("body");
        }
        return body;
    }
}
