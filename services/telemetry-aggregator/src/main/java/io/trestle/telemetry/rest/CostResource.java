package io.trestle.telemetry.rest;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trestle.rest.ApiKeyAuthenticated;
import io.trestle.rest.ApiKeyFilter;
import io.trestle.rest.Problem;
import io.trestle.rest.Role;
import io.trestle.telemetry.client.InstanceClient;
import io.trestle.telemetry.config.AggregatorConfig;
import io.trestle.telemetry.query.AnalyticsQueries;
import io.trestle.telemetry.query.ProjectCostView;
import io.trestle.telemetry.query.RetainedDays;

/** Equipment cost posted per project, cost code and UTC day. Read-only. */
@Path("/api/v1/costs")
@ApiKeyAuthenticated(Role.READ)
@Tag(name = "Costs")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class CostResource {

    private final AnalyticsQueries queries;
    private final int maxRangeDays;
    private final RetainedDays retained;

    @Inject
    public CostResource(AnalyticsQueries queries, AggregatorConfig config, RetainedDays retained) {
        this.queries = queries;
        this.maxRangeDays = config.queries().maxRangeDays();
        this.retained = retained;
    }

    @GET
    @Path("/projects/{projectId}")
    @Operation(summary = "A project's posted equipment cost per cost code and day", description = "Hours and amounts "
            + "of the cost postings of the project from `from` to `to` (UTC days, both included), per cost code and "
            + "day, with totals; each posted line counts at its latest revision, as the Odoo sink books it. Usage not "
            + "attributed to a project (the unallocated cost code without project) is not included. Answered by the "
            + "instance holding the project, whichever instance is asked.")
    @APIResponse(responseCode = "200", description = "The project's cost codes with postings in the range", content = @Content(schema = @Schema(implementation = ProjectCostView.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "422", description = "A date missing or malformed, from after to, a range longer "
            + "than the configured maximum, or from before the oldest day kept (analytics retention, default 400 "
            + "days); violations name the parameter")
    @APIResponse(responseCode = "503", description = "Starting, rebalancing, or the instance holding the project is "
            + "unreachable; retry after Retry-After seconds")
    public Response project(
            @Parameter(description = "Canonical (Odoo) project id", example = "42") @PathParam("projectId") String projectId,
            @Parameter(description = "First UTC day, YYYY-MM-DD", required = true, example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day, YYYY-MM-DD, included", required = true, example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(description = "Only this cost code; all when absent", example = "100") @QueryParam("costCode") String costCode,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(hidden = true) @HeaderParam(InstanceClient.FORWARDED_HEADER) String forwarded,
            @Context UriInfo uri) {
        return Answers.response(queries.costs(projectId, QueryParameters.range(from, to, maxRangeDays, retained),
                Optional.ofNullable(costCode).filter(code -> !code.isBlank()),
                Answers.caller(apiKey, authorization, forwarded, uri)));
    }
}
