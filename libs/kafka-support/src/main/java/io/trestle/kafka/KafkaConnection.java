package io.trestle.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a service's Kafka cluster is and how its clients authenticate to it: the bootstrap servers plus the client
 * security settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). Every client a service builds itself
 * starts from {@link #clientConfig()}, so one set of {@code kafka.*} properties (or {@code KAFKA_*} environment
 * variables) secures the hand-built clients exactly as it secures the SmallRye channels.
 */
public final class KafkaConnection {

    private final String bootstrapServers;
    private final Map<String, String> security;

    private KafkaConnection(String bootstrapServers, Map<String, String> security) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "kafka.bootstrap.servers is not set (environment: KAFKA_BOOTSTRAP_SERVERS)");
        }
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
    }

    /** A cluster reached without authentication or encryption, as in tests and the local stack. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * The connection described by a service's Kafka properties, as Quarkus collects them from {@code kafka.*}
     * properties and {@code KAFKA_*} environment variables (its {@code default-kafka-broker} map, keys without the
     * prefix). Only the bootstrap servers and the security settings are taken: the rest (group ids, serializers) is
     * each client's own business.
     */
    public static KafkaConnection fromKafkaProperties(Map<String, ?> properties) {
        Map<String, String> security = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank() && isSecuritySetting(key)) {
                security.put(key, value.toString());
            }
        });
        Object bootstrap = properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return new KafkaConnection(bootstrap == null ? null : bootstrap.toString(), security);
    }

    private static boolean isSecuritySetting(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The security protocol in use, {@code PLAINTEXT} unless configured. */
    public String securityProtocol() {
        return security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    /** A new, mutable map with the bootstrap servers and the security settings, for a client to add its own to. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaConnection that && bootstrapServers.equals(that.bootstrapServers)
                && security.equals(that.security);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrapServers, security);
    }

    @Override
    public String toString() {
        // Names the settings but never their values: a JAAS config or key store password must not reach a log.
        return "KafkaConnection[" + bootstrapServers + ", " + securityProtocol() + ", settings="
                + new TreeMap<>(security).keySet() + "]";
    }
}
