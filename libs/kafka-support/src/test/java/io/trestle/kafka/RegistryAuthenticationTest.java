package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.trestle.schema.common.ExternalId;

/**
 * The registry credentials reach the wire: the Apicurio serializer, configured from a {@link RegistryConnection}, sends
 * them with its lookups, so a registry that requires a login lets the service in.
 */
class RegistryAuthenticationTest {

    private HttpServer registry;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistryThatRefusesEveryone() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"status\":401,\"title\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void theSerializerSendsTheConfiguredBasicCredentials() {
        RegistryConnection connection = RegistryConnection.of(
                "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/registry/v3", false,
                new RegistryConnection.Credentials(Optional.of("trestle-sink"), Optional.of("s3cret"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), Optional.empty(), Optional.empty());

        try (AvroKafkaSerializer<ExternalId> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(connection.serdeConfig(), false);
            assertThatThrownBy(() -> serializer.serialize("trestle.test.v1", new RecordHeaders(),
                    new ExternalId("p6", "activity", "A1000"))).isNotNull();
        }

        assertThat(authorizations).isNotEmpty().allSatisfy(header -> assertThat(header).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("trestle-sink:s3cret".getBytes(StandardCharsets.UTF_8))));
    }
}
