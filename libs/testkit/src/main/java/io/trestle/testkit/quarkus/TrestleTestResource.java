package io.trestle.testkit.quarkus;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.postgres.PostgresServer;

/**
 * Points a {@code @QuarkusTest} application at the shared Kafka and schema registry of the test JVM (the same servers
 * {@link TrestleStack} uses), and optionally at the shared PostgreSQL:
 *
 * <pre>
 * {@code
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(TrestleTestResource.class)
 * class TelemetryResourceTest { ... }
 *
 * &#64;QuarkusTestResource(value = TrestleTestResource.class, initArgs = @ResourceArg(name = TrestleTestResource.POSTGRES, value = "true"))
 * }
 * </pre>
 *
 * The servers outlive each Quarkus application and stop when the test JVM exits, after Quarkus has closed the
 * application; {@link #stop()} does nothing.
 */
public class TrestleTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: {@code "true"} adds PostgreSQL and the {@code trestle.postgres.*} keys. */
    public static final String POSTGRES = "postgres";

    private boolean withPostgres;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = Boolean.parseBoolean(initArgs.get(POSTGRES));
    }

    @Override
    public Map<String, String> start() {
        TrestleStack stack = withPostgres
                ? TrestleStack.kafkaAndRegistry().withPostgres()
                : TrestleStack.kafkaAndRegistry();
        // Quarkus closes the application (and its Kafka clients) after JUnit's end-of-run cleanup.
        stack.retainUntilJvmExit();
        String bootstrapServers = stack.bootstrapServers();
        String registryUrl = stack.registryUrl();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        config.put("trestle.registry.url", registryUrl);
        config.put("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", registryUrl);
        config.put("apicurio.registry.url", registryUrl);
        // The servers are already here; Dev Services would try to start containers for them.
        config.put("quarkus.devservices.enabled", "false");
        if (withPostgres) {
            PostgresServer postgres = stack.postgresServer();
            config.put("trestle.postgres.host", postgres.host());
            config.put("trestle.postgres.port", String.valueOf(postgres.port()));
            config.put("trestle.postgres.username", postgres.username());
            config.put("trestle.postgres.password", postgres.password());
            config.put("trestle.postgres.jdbc-url", postgres.jdbcUrl("postgres"));
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared with the other tests of this JVM; stopped at its end.
    }
}
