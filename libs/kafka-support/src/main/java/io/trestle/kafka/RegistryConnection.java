package io.trestle.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * Where the schema registry is and how the serdes authenticate to it: none, HTTP basic, or OAuth2 client credentials (a
 * token from the identity provider's token endpoint, as Apicurio Registry with Keycloak expects), plus an optional
 * trust store for a registry behind TLS with a private CA. {@link #serdeConfig()} turns it into the Apicurio serde
 * settings, so the hand-built serdes and the Kafka Streams serdes authenticate like the SmallRye channels, which take
 * the same values through {@code mp.messaging.connector.smallrye-kafka.apicurio.registry.*}.
 */
public final class RegistryConnection {

    /** How a service authenticates to the registry. */
    public record Credentials(Optional<String> username, Optional<String> password, Optional<String> tokenEndpoint,
            Optional<String> clientId, Optional<String> clientSecret, Optional<String> clientScope) {

        public static Credentials none() {
            return new Credentials(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    private final String url;
    private final boolean autoRegister;
    private final Map<String, String> serdeSettings;

    private RegistryConnection(String url, boolean autoRegister, Map<String, String> serdeSettings) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "trestle.registry.url is not set (environment: TRESTLE_REGISTRY_URL, e.g. http://registry:8080/apis/registry/v3)");
        }
        this.url = url;
        this.autoRegister = autoRegister;
        this.serdeSettings = Map.copyOf(serdeSettings);
    }

    /** A registry reached without authentication, which producers may register schemas in: tests, the local stack. */
    public static RegistryConnection anonymous(String url) {
        return new RegistryConnection(url, true, Map.of());
    }

    /**
     * @param autoRegister
     *            whether producers may register the schemas of what they send (production registers them beforehand and
     *            turns this off, so only the schemas that passed the compatibility gate are used)
     * @throws IllegalArgumentException
     *             when the credentials are incomplete (a user without a password, a client id without its secret or
     *             token endpoint) or mix basic and OAuth2, naming the properties to fix
     */
    public static RegistryConnection of(String url, boolean autoRegister, Credentials credentials,
            Optional<String> trustStoreLocation,
            Optional<String> trustStorePassword, Optional<String> trustStoreType) {
        Map<String, String> settings = new TreeMap<>();
        boolean basic = credentials.username().isPresent() || credentials.password().isPresent();
        boolean oauth = credentials.clientId().isPresent() || credentials.clientSecret().isPresent()
                || credentials.tokenEndpoint().isPresent();
        if (basic && oauth) {
            throw new IllegalArgumentException("trestle.registry.auth: set either username/password (HTTP basic) or"
                    + " token-endpoint/client-id/client-secret (OAuth2 client credentials), not both");
        }
        if (basic) {
            settings.put(SchemaResolverConfig.AUTH_USERNAME, required(credentials.username(), "username"));
            settings.put(SchemaResolverConfig.AUTH_PASSWORD, required(credentials.password(), "password"));
        }
        if (oauth) {
            settings.put(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT,
                    required(credentials.tokenEndpoint(), "token-endpoint"));
            settings.put(SchemaResolverConfig.AUTH_CLIENT_ID, required(credentials.clientId(), "client-id"));
            settings.put(SchemaResolverConfig.AUTH_CLIENT_SECRET,
                    required(credentials.clientSecret(), "client-secret"));
            credentials.clientScope().ifPresent(scope -> settings.put(SchemaResolverConfig.AUTH_CLIENT_SCOPE, scope));
        }
        trustStoreLocation.ifPresent(location -> {
            settings.put(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, location);
            settings.put(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD,
                    required(trustStorePassword, "tls.truststore-password"));
            settings.put(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE,
                    trustStoreType.orElse(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE_DEFAULT));
        });
        return new RegistryConnection(url, autoRegister, settings);
    }

    /**
     * The registry named by the Apicurio serde settings ({@code apicurio.registry.*}) of a client configuration, such
     * as the Kafka Streams configuration a handler Streams instantiates is given; other keys are ignored, blank values
     * count as unset. Serializers may register schemas unless {@code apicurio.registry.auto-register} says
     * {@code false}, as with {@code trestle.registry.auto-register}.
     *
     * @throws IllegalArgumentException
     *             when {@code apicurio.registry.url} is not set
     */
    public static RegistryConnection fromSerdeConfig(Map<String, ?> config) {
        Map<String, String> settings = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith("apicurio.registry.") && value != null && !value.toString().isBlank()) {
                settings.put(key, value.toString());
            }
        });
        String url = settings.remove(SerdeConfig.REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException(SerdeConfig.REGISTRY_URL + " is not set in the client configuration");
        }
        String autoRegister = settings.remove(SerdeConfig.AUTO_REGISTER_ARTIFACT);
        return new RegistryConnection(url, autoRegister == null || Boolean.parseBoolean(autoRegister), settings);
    }

    private static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("trestle.registry.auth." + name
                        + " is not set, but the other registry credentials are; set it or remove them"));
    }

    public String url() {
        return url;
    }

    /** Whether the serdes authenticate: {@code none}, {@code basic} or {@code oauth2}. */
    public String authentication() {
        if (serdeSettings.containsKey(SchemaResolverConfig.AUTH_USERNAME)) {
            return "basic";
        }
        return serdeSettings.containsKey(SchemaResolverConfig.AUTH_CLIENT_ID) ? "oauth2" : "none";
    }

    public boolean autoRegister() {
        return autoRegister;
    }

    /**
     * A new, mutable map of Apicurio serde settings: the registry URL, whether serializers register schemas, and the
     * authentication and TLS settings.
     */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(serdeSettings);
        config.put(SerdeConfig.REGISTRY_URL, url);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        return config;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryConnection that && url.equals(that.url) && autoRegister == that.autoRegister
                && serdeSettings.equals(that.serdeSettings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, autoRegister, serdeSettings);
    }

    @Override
    public String toString() {
        return "RegistryConnection[" + url + ", authentication=" + authentication() + "]";
    }
}
