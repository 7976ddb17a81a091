package io.trestle.testkit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The in-JVM broker calls Kafka-internal APIs that change between releases, so it only works with the kafka-clients of
 * the very release it was built against. Checking up front turns a later {@code NoSuchMethodError} deep in the broker
 * into a message that says what to fix.
 */
public final class KafkaVersions {

    private static final String RESOURCE = "/io/trestle/testkit/testkit.properties";

    private KafkaVersions() {
    }

    /** The Kafka release of the in-JVM broker: the {@code kafka.version} property this testkit was built with. */
    public static String brokerVersion() {
        try (InputStream in = KafkaVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the testkit jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("kafka.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of the kafka-clients jar on the classpath. */
    public static String clientsVersion() {
        return AppInfoParser.getVersion();
    }

    /** Fails when the kafka-clients on the classpath is not the release the in-JVM broker comes from. */
    public static void requireMatchingClients() {
        String broker = brokerVersion();
        String clients = clientsVersion();
        if (!broker.equals(clients)) {
            throw new IllegalStateException("kafka-clients " + clients
                    + " is on the classpath but the in-JVM test broker is Kafka "
                    + broker
                    + ". Keep the root pom property kafka.version equal to the Kafka version the Quarkus BOM manages"
                    + " and do not override kafka-clients in a module.");
        }
    }
}
