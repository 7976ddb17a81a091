package io.trestle.testkit;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import io.trestle.testkit.SharedInfrastructure.Service;
import io.trestle.testkit.kafka.AvroClients;
import io.trestle.testkit.kafka.KafkaBroker;
import io.trestle.testkit.kafka.TopicSpec;
import io.trestle.testkit.postgres.PostgresServer;
import io.trestle.testkit.registry.SchemaRegistry;

/**
 * Real infrastructure for a test class in one line. The servers are started once per test JVM, shared by every test
 * class (and by {@code TrestleTestResource} in {@code @QuarkusTest}s), and stopped when the test run ends. Where they
 * run is chosen by {@link InfrastructureMode} ({@code TRESTLE_TEST_INFRA=local|containers}).
 *
 * <pre>
 * {@code
 * class OrderFlowTest {
 *     &#64;RegisterExtension
 *     static TrestleStack stack = TrestleStack.kafkaAndRegistry();
 *
 *     &#64;Test
 *     void roundTrips() {
 *         stack.createTopics(TopicSpec.of("orders", 3));
 *         try (var producer = stack.avro().<GenericRecord> producer(); var consumer = stack.avro().consumer("order-flow")) {
 *             ...
 *             ConsumeUntil.records(consumer, "orders", 1, Duration.ofSeconds(10));
 *         }
 *     }
 * }
 * }
 * </pre>
 *
 * Accessors start what is missing on first use, so they also work outside JUnit (e.g. from a Quarkus test resource).
 */
public final class TrestleStack implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(TrestleStack.class);

    private final Set<Service> services;

    private TrestleStack(Set<Service> services) {
        this.services = services;
    }

    /** An in-JVM (or container) Kafka broker. */
    public static TrestleStack kafka() {
        return new TrestleStack(EnumSet.of(Service.KAFKA));
    }

    /** A schema registry alone, e.g. for Kafka Streams' test driver with the production serdes. */
    public static TrestleStack schemaRegistry() {
        return new TrestleStack(EnumSet.of(Service.REGISTRY));
    }

    /** Kafka and a schema registry (the dev registry, or Apicurio Registry in containers mode). */
    public static TrestleStack kafkaAndRegistry() {
        return new TrestleStack(EnumSet.of(Service.KAFKA, Service.REGISTRY));
    }

    /**
     * PostgreSQL with {@code wal_level=logical} alone. In local mode, test classes are skipped when no PostgreSQL
     * binaries are installed.
     */
    public static TrestleStack postgres() {
        return new TrestleStack(EnumSet.of(Service.POSTGRES));
    }

    /** This stack plus PostgreSQL. */
    public TrestleStack withPostgres() {
        EnumSet<Service> more = EnumSet.copyOf(services);
        more.add(Service.POSTGRES);
        return new TrestleStack(more);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store is closed once, after the last test of the run: the moment to stop what the run shared.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(StopAtEndOfRun.class, key -> new StopAtEndOfRun(),
                StopAtEndOfRun.class);
        services.forEach(SharedInfrastructure::endpoint);
    }

    /**
     * Keeps the servers running until the JVM exits instead of stopping them when the test run ends, for applications
     * (like Quarkus') that are closed after the run and still talk to them while closing.
     */
    public void retainUntilJvmExit() {
        SharedInfrastructure.retainUntilJvmExit();
    }

    /** Where the servers of this test JVM run. */
    public InfrastructureMode mode() {
        return InfrastructureMode.current();
    }

    public KafkaBroker kafkaBroker() {
        String bootstrapServers = endpoint(Service.KAFKA).get(SharedInfrastructure.BOOTSTRAP_SERVERS);
        return () -> bootstrapServers;
    }

    public String bootstrapServers() {
        return kafkaBroker().bootstrapServers();
    }

    /** Creates the topics that do not exist yet; test classes share the broker, so prefer names unique to a class. */
    public void createTopics(TopicSpec... topics) {
        kafkaBroker().createTopics(topics);
    }

    public SchemaRegistry registry() {
        Map<String, String> endpoint = endpoint(Service.REGISTRY);
        return new RegistryEndpoint(endpoint.get(SharedInfrastructure.APICURIO_URL),
                endpoint.get(SharedInfrastructure.CCOMPAT_URL));
    }

    /** The Apicurio v3 API base, for {@code apicurio.registry.url}. */
    public String registryUrl() {
        return registry().apicurioUrl();
    }

    /** Producers and consumers with Avro values serialized by the Apicurio serde against this stack's registry. */
    public AvroClients avro() {
        return new AvroClients(bootstrapServers(), registryUrl());
    }

    public PostgresServer postgresServer() {
        Map<String, String> endpoint = endpoint(Service.POSTGRES);
        return new PostgresEndpoint(endpoint.get(SharedInfrastructure.HOST),
                Integer.parseInt(endpoint.get(SharedInfrastructure.PORT)), endpoint.get(SharedInfrastructure.USERNAME),
                endpoint.get(SharedInfrastructure.PASSWORD));
    }

    private Map<String, String> endpoint(Service service) {
        if (!services.contains(service)) {
            String declaration = switch (service) {
                case KAFKA -> "TrestleStack.kafka() or TrestleStack.kafkaAndRegistry()";
                case REGISTRY -> "TrestleStack.kafkaAndRegistry()";
                case POSTGRES -> "TrestleStack.postgres() or .withPostgres()";
            };
            throw new IllegalStateException("This TrestleStack was declared without " + service + ": declare it with "
                    + declaration);
        }
        return SharedInfrastructure.endpoint(service);
    }

    private record RegistryEndpoint(String apicurioUrl, String ccompatUrl) implements SchemaRegistry {
    }

    private record PostgresEndpoint(String host, int port, String username, String password)
            implements
                PostgresServer {

        @Override
        public void createDatabase(String name) {
            SharedInfrastructure.createDatabase(name);
        }
    }

    private static final class StopAtEndOfRun implements AutoCloseable {

        @Override
        public void close() {
            SharedInfrastructure.release();
        }
    }
}
