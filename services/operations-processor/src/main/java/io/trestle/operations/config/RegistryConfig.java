package io.trestle.operations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the Avro schemas live: Apicurio Registry's v3 API (the dev registry locally and in tests). */
@ConfigMapping(prefix = "trestle.registry")
public interface RegistryConfig {

    /** Base URL of the v3 API, e.g. {@code http://registry:8080/apis/registry/v3}. */
    String url();

    /** Whether the serializer registers its schema (subject to the registry's compatibility rules). */
    @WithDefault("true")
    boolean autoRegister();
}
