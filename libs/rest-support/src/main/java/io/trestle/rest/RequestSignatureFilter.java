package io.trestle.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;

/**
 * Verifies the {@link RequestSignatures HMAC signature} of every request of a client that has a signing secret, on the
 * resources annotated {@link ApiKeyAuthenticated}, after {@link ApiKeyFilter} named the client. Requests of other
 * clients, and requests authenticated by a bearer token instead of an API key, pass untouched. A service opts in by
 * producing a {@link RequestSignatures} bean; without one no client signs.
 * <p>
 * The signature covers the raw body, so the filter reads it whole and hands the resource a copy of the same bytes. That
 * read blocks: the resources of signing clients must run on worker threads ({@code @Blocking}), which is also where
 * Quarkus REST runs the filters of such resources.
 */
public class RequestSignatureFilter {

    private static final Logger LOG = Logger.getLogger(RequestSignatureFilter.class);

    private final Instance<RequestSignatures> signatures;
    private final Event<AuthenticationFailure> failures;
    private final int maxBodyBytes;

    /**
     * @param maxBodySize
     *            the HTTP layer's own limit, so a chunked body without Content-Length cannot make the filter buffer
     *            more than any request may carry
     */
    @Inject
    public RequestSignatureFilter(Instance<RequestSignatures> signatures, Event<AuthenticationFailure> failures,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.signatures = signatures;
        this.failures = failures;
        this.maxBodyBytes = (int) Math.min(maxBodySize.asLongValue(), Integer.MAX_VALUE - 8);
    }

    @ServerRequestFilter(priority = ApiKeyFilter.PRIORITY + 1)
    @ApiKeyAuthenticated
    public Optional<Response> verify(ContainerRequestContext request) throws IOException {
        String client = (String) request.getProperty(ApiKeyFilter.CLIENT_PROPERTY);
        // A bearer token is itself signed by the OpenID provider; signing secrets belong to API-key clients only.
        if (client == null || request.getProperty(ApiKeyFilter.CREDENTIAL_PROPERTY) != Credential.API_KEY
                || !signatures.isResolvable() || !signatures.get().requiresSignature(client)) {
            return Optional.empty();
        }
        RequestSignatures verifier = signatures.get();
        String timestamp = request.getHeaderString(RequestSignatures.TIMESTAMP_HEADER);
        String signature = request.getHeaderString(RequestSignatures.SIGNATURE_HEADER);
        Optional<RequestSignatures.Rejection> rejection = verifier.checkHeaders(timestamp, signature);
        if (rejection.isEmpty()) {
            if (Context.isOnEventLoopThread()) {
                // Fail closed: reading the body here would block the event loop; the resource lacks @Blocking.
                LOG.errorf("Cannot verify the signature of client %s on %s: the resource is not @Blocking", client,
                        request.getUriInfo().getPath());
                return Optional.of(Problem.of("signature-unverifiable", "Signature cannot be verified",
                        Response.Status.INTERNAL_SERVER_ERROR,
                        "This endpoint cannot verify request signatures; nothing was processed.").toResponse());
            }
            byte[] body = readAtMost(request.getEntityStream(), maxBodyBytes);
            if (body == null) {
                return Optional.of(Problem
                        .of("body-too-large", "Body too large", Response.Status.REQUEST_ENTITY_TOO_LARGE,
                                "The body is larger than the " + maxBodyBytes + " bytes this service accepts.")
                        .toResponse());
            }
            // The resource reads the same bytes the signature was checked over.
            request.setEntityStream(new ByteArrayInputStream(body));
            rejection = verifier.verify(client, timestamp, signature, body);
        }
        if (rejection.isEmpty()) {
            return Optional.empty();
        }
        SignatureFailure failure = rejection.get().failure();
        failures.fire(new AuthenticationFailure(client, failure.tag()));
        LOG.infof("Refused a request of client %s to %s: %s", client, request.getUriInfo().getPath(), failure.tag());
        return Optional.of(Problem.of("unauthenticated", failure.title(), Response.Status.UNAUTHORIZED,
                rejection.get().detail()).toResponse());
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    static byte[] readAtMost(InputStream stream, int limit) throws IOException {
        if (stream == null) {
            return new byte[0];
        }
        byte[] bytes = stream.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
