package io.trestle.equipment.rest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.trestle.equipment.aemp.AempFormatException;
import io.trestle.equipment.aemp.AempPage;
import io.trestle.equipment.aemp.AempParser;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.AempClient.Deferred;
import io.trestle.equipment.client.AempClient.Fetched;
import io.trestle.equipment.client.VendorException;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.Backfill;
import io.trestle.equipment.service.FleetPageTriage;
import io.trestle.equipment.service.FleetPoller;
import io.trestle.equipment.service.TelemetryValidator;
import io.trestle.equipment.service.VendorPolling;
import io.trestle.equipment.service.VendorStatus;
import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;

/** Operations on the configured telematics vendors: their polling state, and a dry run of one machine's snapshot. */
@Path("/api/v1/vendors")
@ApiKeyAuthenticated(Role.READ)
public class VendorResource {

    private final VendorPolling polling;
    private final EquipmentConnectorConfig config;
    private final MachineResolver resolver;
    private final FleetPageTriage triage;
    private final AempParser parser = new AempParser();
    private final DryRun dryRun;

    @Inject
    public VendorResource(VendorPolling polling, EquipmentConnectorConfig config, MachineResolver resolver,
            TelemetryValidator validator, ObjectMapper json) {
        this.polling = polling;
        this.config = config;
        this.resolver = resolver;
        this.triage = new FleetPageTriage(resolver, validator, config.ingest().maxBatchSize());
        this.dryRun = new DryRun(json);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The polling state of every polled vendor", description = "Per enabled vendor profile: last "
            + "successful cycle, last outcome and error, readings published, back-filled and quarantined since start, "
            + "requests made, machines the crosswalk does not know, back-fills pending, and gaps back-filled only in "
            + "part (longer than backfill-max) with the latest of them. Disabled profiles are not polled and not "
            + "listed.")
    @APIResponse(responseCode = "200", description = "One entry per polled vendor, by name")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    public List<VendorStatus> vendors() {
        return polling.statuses();
    }

    @GET
    @Path("{vendor}/equipment/{equipmentId}")
    @Blocking
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Fetch one machine's snapshot from the vendor and show what polling would make of it, "
            + "publishing nothing", description = "Requests the vendor profile's single-equipment resource "
                    + "(equipment-path, default Fleet/Equipment/{id}) with the profile's credentials and within its "
                    + "request budget, shared with polling. The answer is the one of POST /api/v1/telematics/inspect: "
                    + "per reading the TelemetryReading polling would publish or the quarantine entry it would get. "
                    + "For a polled vendor, readings already published are left out and the notes name the back-fills "
                    + "polling would run first; for a disabled profile every reading counts as new.")
    @APIResponse(responseCode = "200", description = "The decisions; nothing was published")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The client's role does not include read")
    @APIResponse(responseCode = "404", description = "No vendor profile of that name, or the vendor's answer holds no "
            + "machine")
    @APIResponse(responseCode = "502", description = "The vendor answered with an error or with something unreadable")
    @APIResponse(responseCode = "503", description = "The request budget or the vendor's 429 holds the request back, "
            + "or the crosswalk is not read to its end yet (with Retry-After)")
    public Response equipment(@PathParam("vendor") String vendor, @PathParam("equipmentId") String equipmentId)
            throws InterruptedException {
        Vendor profile = config.vendors().get(vendor);
        if (profile == null) {
            return Problem.of("unknown-vendor", "Unknown vendor profile", Response.Status.NOT_FOUND,
                    "No vendor profile '" + vendor + "' is configured; configured are " + config.vendors().keySet()
                            + ".")
                    .toResponse();
        }
        if (!resolver.ready()) {
            return Problem.of("crosswalk-not-ready", "Crosswalk not ready", Response.Status.SERVICE_UNAVAILABLE,
                    "The crosswalk is not read to its end yet; every machine would look unknown. Retry shortly.")
                    .toResponseBuilder()
                    .header(HttpHeaders.RETRY_AFTER, TelematicsInspectResource.NOT_READY_RETRY_AFTER_SECONDS).build();
        }
        AempClient client;
        try {
            client = polling.client(vendor).orElseThrow();
        } catch (IllegalArgumentException e) {
            return Problem.of("vendor-profile-incomplete", "Vendor profile incomplete",
                    Response.Status.INTERNAL_SERVER_ERROR, e.getMessage() + ".").toResponse();
        }
        URI source = client.paths().equipment(equipmentId);
        AempPage page;
        try {
            AempClient.Fetch fetch = client.get(source);
            if (fetch instanceof Deferred deferred) {
                return deferred(vendor, source, deferred);
            }
            Fetched fetched = (Fetched) fetch;
            page = parser.parseFleet(fetched.body(), fetched.contentType());
        } catch (IOException | VendorException e) {
            return Problem.of("vendor-failed", "Vendor request failed", Response.Status.BAD_GATEWAY,
                    "Requesting " + source + " failed: " + e.getMessage() + ".").toResponse();
        } catch (AempFormatException e) {
            return Problem.of("vendor-answer-unreadable", "Unreadable vendor answer", Response.Status.BAD_GATEWAY,
                    source + " answered what is not a readable snapshot: " + e.getMessage() + ".").toResponse();
        }
        if (page.equipment().isEmpty()) {
            return Problem.of("unknown-equipment", "No such machine at the vendor", Response.Status.NOT_FOUND,
                    source + " answered without a machine.").toResponse();
        }
        String system = FleetPoller.systemOf(vendor, profile);
        String sourceSystem = FleetPoller.sourceSystemOf(vendor);
        Optional<FleetPoller> poller = polling.poller(vendor);
        BiPredicate<String, TelemetryItem> isNew = poller.<BiPredicate<String, TelemetryItem>>map(p -> p::isNew)
                .orElse((asset, reading) -> true);
        FleetPageTriage.Page triaged = triage.triage(page.equipment(), system, sourceSystem, isNew);
        List<String> notes = new ArrayList<>();
        notes.add("Fetched " + source + " within the vendor's request budget. Nothing was published.");
        poller.ifPresentOrElse(p -> notes.addAll(pollerNotes(p, page, triaged)),
                () -> notes.add("Vendor profile '" + vendor + "' is not polled: every reading is shown as new and no "
                        + "back-fill is considered."));
        return Response.ok(dryRun.answer(page, triaged, vendor, system, sourceSystem, notes, source)).build();
    }

    private static List<String> pollerNotes(FleetPoller poller, AempPage page, FleetPageTriage.Page triaged) {
        List<String> notes = new ArrayList<>();
        int fetched = page.equipment().stream().mapToInt(machine -> machine.readings().size()).sum();
        int shown = triaged.machines().stream().mapToInt(machine -> machine.readings().size()).sum();
        if (shown < fetched) {
            notes.add((fetched - shown) + " reading(s) already published are left out.");
        }
        for (FleetPageTriage.Machine machine : triaged.machines()) {
            if (machine.assetId().isEmpty()) {
                continue;
            }
            List<TelemetryItem> toPublish = machine.readings().stream()
                    .filter(FleetPageTriage.Publish.class::isInstance).map(FleetPageTriage.Decision::reading)
                    .toList();
            for (Backfill.Window window : poller.backfillsDue(machine.assetId().get(), toPublish)) {
                notes.add("Polling would first back-fill " + window.resource().name() + " of asset "
                        + window.assetId() + " from " + window.from() + " to " + window.to()
                        + " from the time series and publish those readings before these"
                        + (window.capped()
                                ? "; readings from " + window.publishedUpTo()
                                        + " to then lie beyond backfill-max and are not fetched."
                                : "."));
            }
        }
        return notes;
    }

    private static Response deferred(String vendor, URI source, Deferred deferred) {
        long seconds = Math.max(1, (Duration.between(Instant.now(), deferred.until()).toMillis() + 999) / 1000);
        String why = deferred.reason().equals("429")
                ? "the vendor answered 429 and asked to wait"
                : "the vendor's request budget allows " + source + " again only then";
        return Problem.of("vendor-request-deferred", "Vendor request deferred", Response.Status.SERVICE_UNAVAILABLE,
                "Vendor " + vendor + ": not requested before " + deferred.until() + ", as " + why + ".")
                .toResponseBuilder().header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }
}
