package io.trestle.equipment.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;

/** Adds a vendor's authentication to each API request. */
abstract class Credentials {

    abstract void apply(HttpRequest.Builder request) throws IOException, InterruptedException, VendorException;

    /**
     * Called after a 401: drops whatever may have gone stale.
     *
     * @return whether a retry could now succeed
     */
    boolean renew() {
        return false;
    }

    static Credentials of(String vendor, Vendor profile, HttpClient http, Clock clock) {
        String prefix = "trestle.equipment-connector.vendors." + vendor + ".";
        return switch (profile.auth()) {
            case NONE -> new Header(null, null);
            case BASIC -> new Header("Authorization", basic(
                    required(prefix + "username", profile.username().orElse(null)),
                    required(prefix + "password", profile.password().orElse(null))));
            case API_KEY -> new Header(required(prefix + "api-key-header", profile.apiKeyHeader().orElse(null)),
                    required(prefix + "api-key", profile.apiKey().orElse(null)));
            case OAUTH2_CLIENT_CREDENTIALS -> new ClientCredentials(http, clock,
                    required(prefix + "token-url", profile.tokenUrl().orElse(null)),
                    required(prefix + "client-id", profile.clientId().orElse(null)),
                    required(prefix + "client-secret", profile.clientSecret().orElse(null)),
                    profile.requestTimeout());
        };
    }

    private static <T> T required(String property, T value) {
        if (value == null) {
            throw new IllegalArgumentException(property + " is required by the vendor's auth type");
        }
        return value;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static final class Header extends Credentials {

        private final String name;
        private final String value;

        Header(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override
        void apply(HttpRequest.Builder request) {
            if (name != null) {
                request.header(name, value);
            }
        }
    }

    /**
     * OAuth2 client credentials grant (RFC 6749 §4.4), the client authenticating with HTTP basic as §2.3.1 requires
     * every server to accept. The token is reused until shortly before it expires, so a cycle of many pages costs one
     * token request, not one per page.
     */
    private static final class ClientCredentials extends Credentials {

        /** Renew this long before the stated expiry, so a token does not expire between check and use. */
        private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
        /** For a token response without {@code expires_in}. */
        private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);
        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpClient http;
        private final Clock clock;
        private final URI tokenUrl;
        private final String clientAuthorization;
        private final String clientId;
        private final Duration timeout;
        private String token;
        private Instant renewAt = Instant.MIN;

        ClientCredentials(HttpClient http, Clock clock, URI tokenUrl, String clientId, String clientSecret,
                Duration timeout) {
            this.http = http;
            this.clock = clock;
            this.tokenUrl = tokenUrl;
            this.clientId = clientId;
            this.clientAuthorization = basic(urlEncoded(clientId), urlEncoded(clientSecret));
            this.timeout = timeout;
        }

        @Override
        synchronized void apply(HttpRequest.Builder request) throws IOException, InterruptedException, VendorException {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                fetchToken();
            }
            request.header("Authorization", "Bearer " + token);
        }

        @Override
        synchronized boolean renew() {
            token = null;
            return true;
        }

        private void fetchToken() throws IOException, InterruptedException, VendorException {
            HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                    .header("Authorization", clientAuthorization)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            Instant requested = clock.instant();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw VendorException.status("Token endpoint for client " + clientId, tokenUrl,
                        response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null || accessToken.isBlank()) {
                throw new VendorException("Token endpoint " + tokenUrl + " answered without an access_token");
            }
            Duration lifetime = body.hasNonNull("expires_in")
                    ? Duration.ofSeconds(body.get("expires_in").asLong())
                    : ASSUMED_LIFETIME;
            token = accessToken;
            renewAt = requested.plus(lifetime).minus(EXPIRY_MARGIN);
        }

        private static String urlEncoded(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
