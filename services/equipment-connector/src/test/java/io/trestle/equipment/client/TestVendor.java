package io.trestle.equipment.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;

/** A vendor profile as configuration would give it, with the defaults of {@link Vendor}. */
public record TestVendor(URI baseUrl, Auth auth, Optional<String> username, Optional<String> password,
        Optional<String> apiKeyHeader, Optional<String> apiKey, Optional<URI> tokenUrl, Optional<String> clientId,
        Optional<String> clientSecret, Duration minRequestSpacing) implements Vendor {

    public static TestVendor at(URI baseUrl) {
        return new TestVendor(baseUrl, Auth.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(15));
    }

    public TestVendor basic(String user, String pass) {
        return new TestVendor(baseUrl, Auth.BASIC, Optional.of(user), Optional.of(pass), apiKeyHeader, apiKey,
                tokenUrl, clientId, clientSecret, minRequestSpacing);
    }

    public TestVendor apiKey(String header, String key) {
        return new TestVendor(baseUrl, Auth.API_KEY, username, password, Optional.of(header), Optional.of(key),
                tokenUrl, clientId, clientSecret, minRequestSpacing);
    }

    public TestVendor oauth2(URI tokenEndpoint, String id, String secret) {
        return new TestVendor(baseUrl, Auth.OAUTH2_CLIENT_CREDENTIALS, username, password, apiKeyHeader, apiKey,
                Optional.of(tokenEndpoint), Optional.of(id), Optional.of(secret), minRequestSpacing);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> system() {
        return Optional.empty();
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(10);
    }
}
