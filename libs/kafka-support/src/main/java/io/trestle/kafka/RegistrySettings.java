package io.trestle.kafka;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The schema registry a service's serdes use: {@code trestle.registry.*}, in the environment {@code TRESTLE_REGISTRY_*}
 * (e.g. {@code TRESTLE_REGISTRY_AUTH_CLIENT_SECRET}).
 */
@ConfigMapping(prefix = "trestle.registry")
public interface RegistrySettings {

    /** The Apicurio Registry v3 API, e.g. {@code http://registry:8080/apis/registry/v3}. */
    Optional<String> url();

    /** Whether producers may register the schemas of what they send; production registers them beforehand. */
    @WithDefault("true")
    boolean autoRegister();

    Auth auth();

    Tls tls();

    /** HTTP basic, or OAuth2 client credentials; nothing set means anonymous. */
    interface Auth {

        Optional<String> username();

        Optional<String> password();

        /** The identity provider's token endpoint, e.g. Keycloak's {@code .../protocol/openid-connect/token}. */
        Optional<String> tokenEndpoint();

        Optional<String> clientId();

        Optional<String> clientSecret();

        Optional<String> clientScope();
    }

    /** A trust store for a registry whose TLS certificate is signed by a private CA. */
    interface Tls {

        Optional<String> truststoreLocation();

        Optional<String> truststorePassword();

        Optional<String> truststoreType();
    }
}
