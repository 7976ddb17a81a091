package io.trestle.rest;

/**
 * A request refused by {@link ApiKeyFilter} or {@link RequestSignatureFilter}, fired as a CDI event so a service can
 * count refusals in its metrics without this library depending on a metrics library.
 *
 * @param client
 *            the client whose API key was presented, null when no configured key was
 * @param reason
 *            short and stable, e.g. {@code unknown-api-key}, {@code stale-timestamp}; never a credential
 */
public record AuthenticationFailure(String client, String reason) {

    public static final String MISSING_API_KEY = "missing-api-key";
    public static final String UNKNOWN_API_KEY = "unknown-api-key";
}
