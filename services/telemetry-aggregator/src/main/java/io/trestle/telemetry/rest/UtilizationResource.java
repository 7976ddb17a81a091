package io.trestle.telemetry.rest;

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
import io.trestle.telemetry.query.AssetUtilizationView;
import io.trestle.telemetry.query.RetainedDays;
import io.trestle.telemetry.query.TopIdleView;

/** Equipment utilization per asset and UTC day, from the usage posted as cost. Read-only. */
@Path("/api/v1/utilization")
@ApiKeyAuthenticated(Role.READ)
@Tag(name = "Utilization")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class UtilizationResource {

    private final AnalyticsQueries queries;
    private final int maxRangeDays;
    private final RetainedDays retained;

    @Inject
    public UtilizationResource(AnalyticsQueries queries, AggregatorConfig config, RetainedDays retained) {
        this.queries = queries;
        this.maxRangeDays = config.queries().maxRangeDays();
        this.retained = retained;
    }

    @GET
    @Path("/assets/{assetId}")
    @Operation(summary = "An asset's utilization per UTC day", description = "Operating, idle and available hours "
            + "and utilization of each day from `from` to `to` (both included), from the usage posted as cost (each "
            + "line at its latest revision). Available hours are the whole day (24) while the aggregator knows no "
            + "downtime; utilization = operating / available. Idle hours are part of the operating hours. Answered by "
            + "the instance holding the asset, whichever instance is asked.")
    @APIResponse(responseCode = "200", description = "Every day of the range", content = @Content(schema = @Schema(implementation = AssetUtilizationView.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "422", description = "A date missing or malformed, from after to, a range longer "
            + "than the configured maximum, or from before the oldest day kept (analytics retention, default 400 "
            + "days); violations name the parameter")
    @APIResponse(responseCode = "503", description = "Starting, rebalancing, or the instance holding the asset is "
            + "unreachable; retry after Retry-After seconds")
    public Response asset(
            @Parameter(description = "Canonical asset id", example = "EX-1001") @PathParam("assetId") String assetId,
            @Parameter(description = "First UTC day, YYYY-MM-DD", required = true, example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day, YYYY-MM-DD, included", required = true, example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(hidden = true) @HeaderParam(InstanceClient.FORWARDED_HEADER) String forwarded,
            @Context UriInfo uri) {
        return Answers.response(queries.utilization(assetId, QueryParameters.range(from, to, maxRangeDays, retained),
                Answers.caller(apiKey, authorization, forwarded, uri)));
    }

    @GET
    @Path("/top-idle")
    @Operation(summary = "The assets that idled longest on a day", description = "Asks every instance for its most "
            + "idle assets of the UTC day and merges them: most idle hours first, ties by asset id. Only assets with "
            + "usage posted that day are ranked.")
    @APIResponse(responseCode = "200", description = "Up to `limit` assets", content = @Content(schema = @Schema(implementation = TopIdleView.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "422", description = "day missing or malformed or before the oldest day kept "
            + "(analytics retention, default 400 days), or limit not from 1 to 100; violations name the parameter")
    @APIResponse(responseCode = "503", description = "Starting, rebalancing, or an instance holding part of the day "
            + "is unreachable; retry after Retry-After seconds")
    public TopIdleView topIdle(
            @Parameter(description = "UTC day, YYYY-MM-DD", required = true, example = "2026-11-20") @QueryParam("day") String day,
            @Parameter(description = "How many assets, 1 to 100", example = "10", schema = @Schema(defaultValue = "10")) @QueryParam("limit") String limit,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(hidden = true) @HeaderParam(InstanceClient.FORWARDED_HEADER) String forwarded,
            @Context UriInfo uri) {
        return queries.topIdle(QueryParameters.day("day", day, retained), QueryParameters.limit(limit),
                Answers.caller(apiKey, authorization, forwarded, uri));
    }
}
