package io.trestle.testkit.registry;

/** A running schema registry speaking the Apicurio v3 API and the Confluent-compatible API. */
public interface SchemaRegistry {

    /** The Apicurio v3 API base, the value of the serdes' {@code apicurio.registry.url}. */
    String apicurioUrl();

    /** The Confluent-compatible API base, for Confluent clients' {@code schema.registry.url}. */
    String ccompatUrl();
}
