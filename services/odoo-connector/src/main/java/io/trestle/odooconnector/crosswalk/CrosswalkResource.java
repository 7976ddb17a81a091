package io.trestle.odooconnector.crosswalk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.rest.Violation;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.master.CrosswalkEntry;

/**
 * Adds, corrects and withdraws the mappings of external ids (P6 projects, telematics PINs, planner crews…) to canonical
 * ids. Every change is published to the compacted crosswalk topic before the answer, so a 200 means consumers will see
 * it; ids are never guessed elsewhere, so an unmapped id stays quarantined until someone maps it here.
 */
@Path("/api/v1/crosswalk/{system}/{entityType}/{value}")
@ApiKeyAuthenticated(Role.WRITE)
@Produces(MediaType.APPLICATION_JSON)
public class CrosswalkResource {

    private static final Logger LOG = Logger.getLogger(CrosswalkResource.class);
    static final Set<String> CANONICAL_TYPES = Set.of("project", "task", "cost-code", "equipment", "crew");

    private final CrosswalkPublisher publisher;

    @Inject
    public CrosswalkResource(CrosswalkPublisher publisher) {
        this.publisher = publisher;
    }

    /** Maps the external id to a canonical id, replacing any earlier mapping of it. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response map(@PathParam("system") String system, @PathParam("entityType") String entityType,
            @PathParam("value") String value, CrosswalkMapping mapping, @Context ContainerRequestContext request) {
        List<Violation> violations = violations(system, entityType, value);
        if (mapping == null) {
            violations.add(Violation.ofRequest("", "a JSON body with canonicalType and canonicalId is required"));
        } else {
            if (mapping.canonicalType() == null || !CANONICAL_TYPES.contains(mapping.canonicalType())) {
                violations.add(Violation.ofRequest("canonicalType",
                        "must be one of " + String.join(", ", CANONICAL_TYPES.stream().sorted().toList())));
            }
            if (mapping.canonicalId() == null || mapping.canonicalId().isBlank()) {
                violations.add(Violation.ofRequest("canonicalId", "must not be blank"));
            }
        }
        if (!violations.isEmpty()) {
            return Problem.invalid("Invalid mapping", "The mapping was not saved.", violations).toResponse();
        }
        return publish(new ExternalId(system, entityType, value), mapping, true, client(request));
    }

    /**
     * Withdraws the mapping: from then on events carrying this external id are quarantined again. The entry stays on
     * the topic, inactive, so the withdrawal itself is on record.
     */
    @DELETE
    public Response withdraw(@PathParam("system") String system, @PathParam("entityType") String entityType,
            @PathParam("value") String value, @Context ContainerRequestContext request) {
        List<Violation> violations = violations(system, entityType, value);
        if (!violations.isEmpty()) {
            return Problem.invalid("Invalid external id", "Nothing was withdrawn.", violations).toResponse();
        }
        return publish(new ExternalId(system, entityType, value), new CrosswalkMapping("", "", null), false,
                client(request));
    }

    private Response publish(ExternalId external, CrosswalkMapping mapping, boolean active, String client) {
        try {
            CrosswalkEntry entry = publisher.publish(external, mapping, active, client);
            LOG.infof("Crosswalk %s|%s|%s %s by %s", external.getSystem(), external.getEntityType(),
                    external.getValue(), active
                            ? "→ " + mapping.canonicalType() + " " + mapping.canonicalId()
                            : "withdrawn",
                    client);
            return Response.ok(view(entry)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(e);
        } catch (TimeoutException | ExecutionException e) {
            return unavailable(e);
        }
    }

    private static Response unavailable(Exception cause) {
        LOG.warnf("Crosswalk change not acknowledged by Kafka: %s", cause.toString());
        return Problem.of("kafka-unavailable", "Not saved", Response.Status.SERVICE_UNAVAILABLE,
                "Kafka did not acknowledge the change; nothing was saved. Try again.").toResponseBuilder()
                .header("Retry-After", "5")
                .build();
    }

    private static List<Violation> violations(String system, String entityType, String value) {
        List<Violation> violations = new ArrayList<>();
        if (system.isBlank()) {
            violations.add(Violation.ofRequest("system", "must not be blank"));
        }
        if (entityType.isBlank()) {
            violations.add(Violation.ofRequest("entityType", "must not be blank"));
        }
        if (value.isBlank()) {
            violations.add(Violation.ofRequest("value", "must not be blank"));
        }
        return violations;
    }

    private static String client(ContainerRequestContext request) {
        return "api:" + request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
    }

    private static Map<String, Object> view(CrosswalkEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("system", entry.getExternal().getSystem());
        view.put("entityType", entry.getExternal().getEntityType());
        view.put("value", entry.getExternal().getValue());
        view.put("active", entry.getActive());
        if (entry.getActive()) {
            view.put("canonicalType", entry.getCanonicalType());
            view.put("canonicalId", entry.getCanonicalId());
            view.put("companyId", entry.getCompanyId());
        }
        view.put("changedBy", entry.getChangedBy());
        view.put("savedAt", entry.getMetadata().getOccurredAt().toString());
        return view;
    }
}
