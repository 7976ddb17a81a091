package io.trestle.telemetry.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.trestle.telemetry.client.InstanceClient;
import io.trestle.telemetry.query.AnalyticsQueries;

/** What the resources share: who asks, and how an answer of this or another instance becomes a response. */
final class Answers {

    private Answers() {
    }

    static AnalyticsQueries.Caller caller(String apiKey, String authorization, String forwarded, UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return new AnalyticsQueries.Caller(InstanceClient.Credential.of(apiKey, authorization),
                uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query), forwarded != null);
    }

    static Response response(AnalyticsQueries.Answer<?> answer) {
        if (answer instanceof AnalyticsQueries.Answer.Relayed<?> relayed) {
            InstanceClient.Answer remote = relayed.answer();
            Response.ResponseBuilder response = Response.status(remote.status())
                    .header(HttpHeaders.CONTENT_TYPE, remote.contentType()).entity(remote.body());
            if (remote.retryAfter() != null) {
                response.header(HttpHeaders.RETRY_AFTER, remote.retryAfter());
            }
            return response.build();
        }
        return Response.ok(((AnalyticsQueries.Answer.Here<?>) answer).body()).build();
    }
}
