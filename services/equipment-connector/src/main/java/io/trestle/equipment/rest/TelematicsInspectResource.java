package io.trestle.equipment.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.aemp.AempFormatException;
import io.trestle.equipment.aemp.AempPage;
import io.trestle.equipment.aemp.AempParser;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.FleetPageTriage;
import io.trestle.equipment.service.FleetPoller;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.rest.Violation;

/**
 * A dry run of vendor polling for integrators onboarding a vendor: one page as the vendor sends it goes through the
 * same parser, crosswalk and validator as a polled page, and the answer shows what would be published and what
 * quarantined. Nothing is published.
 */
@Path("/api/v1/telematics/inspect")
@ApiKeyAuthenticated(Role.READ)
public class TelematicsInspectResource {

    /** The crosswalk system machines are resolved under when no vendor profile is named. */
    static final String DEFAULT_SYSTEM = "aemp:inspect";
    /** The crosswalk is typically read within seconds of startup. */
    static final String NOT_READY_RETRY_AFTER_SECONDS = "10";

    private final AempParser parser = new AempParser();
    private final FleetPageTriage triage;
    private final MachineResolver resolver;
    private final EquipmentConnectorConfig config;
    private final DryRun dryRun;

    @Inject
    public TelematicsInspectResource(MachineResolver resolver, TelemetryValidator validator,
            EquipmentConnectorConfig config, ObjectMapper json) {
        this.triage = new FleetPageTriage(resolver, validator, config.ingest().maxBatchSize());
        this.resolver = resolver;
        this.config = config;
        this.dryRun = new DryRun(json);
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Show what polling would make of one vendor page, publishing nothing", description = "Takes "
            + "one ISO 15143-3 fleet page (JSON or XML) as the vendor sends it and answers, per machine, the asset "
            + "the crosswalk resolves it to and, per reading, the canonical TelemetryReading that would be published "
            + "or the quarantine entry it would get (reason code, message, JSON Pointer, unresolved ids). Every "
            + "reading is treated as new, as in the first cycle after a start. Faults are not shown: AEMP "
            + "snapshots are not read for fault codes yet; that comes with a later step.")
    @APIResponse(responseCode = "200", description = "The decisions; nothing was published")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts")
    @APIResponse(responseCode = "415", description = "The content type is neither JSON nor XML")
    @APIResponse(responseCode = "422", description = "The payload is not a readable fleet page (the violation's "
            + "field says where), or no vendor profile of the given name is configured")
    @APIResponse(responseCode = "503", description = "The crosswalk is not read to its end yet (with Retry-After)")
    public Response inspect(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Vendor profile (trestle.equipment-connector.vendors.<name>) whose crosswalk "
                    + "system and source system to use; aemp:inspect for both when absent") @QueryParam("vendor") String vendor,
            @Context UriInfo uri) {
        if (!isJsonOrXml(contentType)) {
            return Problem.of("unsupported-media-type", "Unsupported content type",
                    Response.Status.UNSUPPORTED_MEDIA_TYPE, "Send the page with the content type the vendor sends: "
                            + "a JSON or XML type, e.g. application/json or application/xml; got "
                            + (contentType == null ? "none" : "'" + contentType + "'") + ".")
                    .toResponse();
        }
        List<String> notes = new ArrayList<>();
        String system;
        String sourceSystem;
        if (vendor == null || vendor.isBlank()) {
            system = DEFAULT_SYSTEM;
            sourceSystem = DEFAULT_SYSTEM;
            notes.add("No vendor profile named: machines were resolved under crosswalk system " + DEFAULT_SYSTEM
                    + ". Add ?vendor=<profile> to resolve them as that vendor's polling does.");
        } else {
            Vendor profile = config.vendors().get(vendor);
            if (profile == null) {
                return Problem.invalid("Unknown vendor profile", "No vendor profile '" + vendor
                        + "' is configured; configured are " + config.vendors().keySet() + ".",
                        List.of(Violation.ofRequest("vendor", "names no configured vendor profile"))).toResponse();
            }
            // As the vendor's poller does, so ids and systems match what polling produces.
            system = FleetPoller.systemOf(vendor, profile);
            sourceSystem = FleetPoller.sourceSystemOf(vendor);
        }
        if (!resolver.ready()) {
            return Problem.of("crosswalk-not-ready", "Crosswalk not ready", Response.Status.SERVICE_UNAVAILABLE,
                    "The crosswalk is not read to its end yet; every machine would look unknown. Retry shortly.")
                    .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, NOT_READY_RETRY_AFTER_SECONDS).build();
        }
        AempPage page;
        try {
            page = parser.parseFleet(body, contentType);
        } catch (AempFormatException e) {
            return Problem.invalid("Unreadable fleet page", e.getMessage(),
                    List.of(Violation.ofRequest(e.where(), e.getMessage()))).toResponse();
        }
        FleetPageTriage.Page triaged = triage.triage(page.equipment(), system, sourceSystem,
                (asset, reading) -> true);
        notes.add("Nothing was published. Every reading is shown as new, as in the first polling cycle after a "
                + "start; later cycles publish only readings newer than the last published.");
        return Response.ok(dryRun.answer(page, triaged, vendor, system, sourceSystem, notes, uri.getRequestUri()))
                .build();
    }

    /** The content type is the request's claim; the parser still reads the content first, as vendors mislabel. */
    static boolean isJsonOrXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json") || subtype.equals("xml")
                || subtype.endsWith("+xml");
    }
}
