package io.trestle.rest;

/**
 * A request refused by {@link ApiKeyFilter}, {@link RequestSignatureFilter} or {@link RoleFilter}, fired as a CDI event
 * so a service can count refusals in its metrics without this library depending on a metrics library.
 *
 * @param client
 *            the client whose API key or valid token was presented, null when no configured key or valid token was
 * @param reason
 *            short and stable, e.g. {@code unknown-api-key}, {@code stale-timestamp}; never a credential
 */
public record AuthenticationFailure(String client, String reason) {

    public static final String MISSING_API_KEY = "missing-api-key";
    public static final String UNKNOWN_API_KEY = "unknown-api-key";
    /** A bearer token that is invalid, expired, wrongly signed, for someone else, or names no usable client. */
    public static final String INVALID_TOKEN = "invalid-token";
    /** An authenticated client whose role does not include the endpoint's. */
    public static final String INSUFFICIENT_ROLE = "insufficient-role";
}
