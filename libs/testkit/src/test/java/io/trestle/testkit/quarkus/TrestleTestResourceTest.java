package io.trestle.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.postgres.PostgresServer;

class TrestleTestResourceTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    @Test
    void pointsTheApplicationAtTheServersOfTheJunitExtension() {
        TrestleTestResource resource = new TrestleTestResource();
        resource.init(Map.of());

        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config).containsOnly(
                entry("kafka.bootstrap.servers", stack.bootstrapServers()),
                entry("quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers()),
                entry("trestle.registry.url", stack.registryUrl()),
                entry("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", stack.registryUrl()),
                entry("apicurio.registry.url", stack.registryUrl()),
                entry("quarkus.devservices.enabled", "false"));
        assertThat(TrestleStack.kafka().bootstrapServers()).as("stop() leaves the shared broker running")
                .isEqualTo(stack.bootstrapServers());
    }

    @Test
    void thePostgresArgumentAddsTheSharedPostgres() {
        TrestleTestResource resource = new TrestleTestResource();
        resource.init(Map.of(TrestleTestResource.POSTGRES, "true"));

        Map<String, String> config = resource.start();

        PostgresServer postgres = TrestleStack.postgres().postgresServer();
        assertThat(config).contains(
                entry("trestle.postgres.host", postgres.host()),
                entry("trestle.postgres.port", String.valueOf(postgres.port())),
                entry("trestle.postgres.username", postgres.username()),
                entry("trestle.postgres.password", postgres.password()),
                entry("trestle.postgres.jdbc-url", postgres.jdbcUrl("postgres")));
    }
}
