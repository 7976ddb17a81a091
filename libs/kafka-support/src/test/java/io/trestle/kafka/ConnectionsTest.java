package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the hand-built clients of a service take from its configuration, and what never leaves it. */
class ConnectionsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"odoo-sink\" password=\"kafka-secret-1\";";

    @Test
    void takesTheBootstrapServersAndSecuritySettingsButNotOtherClientSettings() {
        KafkaConnection kafka = KafkaConnection.fromKafkaProperties(Map.of("bootstrap.servers", "kafka-0:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/trestle/kafka/ca.p12", "group.id", "odoo-sink",
                "ssl.truststore.type", ""));

        assertThat(kafka.clientConfig()).containsOnly(Map.entry("bootstrap.servers", "kafka-0:9093"),
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", JAAS), Map.entry("ssl.truststore.location", "/etc/trestle/kafka/ca.p12"));
        assertThat(kafka.securityProtocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void describesItselfWithoutSecretValues() {
        KafkaConnection kafka = KafkaConnection.fromKafkaProperties(Map.of("bootstrap.servers", "kafka-0:9093",
                "security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS, "ssl.keystore.password", "ks-secret-2"));
        RegistryConnection registry = RegistryConnection.of("https://registry/apis/registry/v3", false,
                new RegistryConnection.Credentials(Optional.empty(), Optional.empty(),
                        Optional.of("https://sso/token"), Optional.of("trestle"), Optional.of("registry-secret-3"),
                        Optional.empty()),
                Optional.of("/etc/ca.p12"), Optional.of("ts-secret-4"), Optional.empty());

        assertThat(kafka + " " + registry).contains("kafka-0:9093", "SASL_SSL", "sasl.jaas.config", "oauth2")
                .doesNotContain("kafka-secret-1", "ks-secret-2", "registry-secret-3", "ts-secret-4");
    }

    @Test
    void refusesAServiceWithoutBootstrapServersNamingTheVariable() {
        assertThatThrownBy(() -> KafkaConnection.fromKafkaProperties(Map.of("security.protocol", "SSL")))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void givesTheSerdesBasicOrOauthCredentialsAndTheTrustStore() {
        RegistryConnection basic = RegistryConnection.of("https://registry/apis/registry/v3", false,
                new RegistryConnection.Credentials(Optional.of("trestle"), Optional.of("pw"), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of("/etc/ca.p12"), Optional.of("ts"), Optional.of("PKCS12"));

        assertThat(basic.authentication()).isEqualTo("basic");
        assertThat(basic.serdeConfig()).containsEntry("apicurio.registry.url", "https://registry/apis/registry/v3")
                .containsEntry("apicurio.registry.auth.username", "trestle")
                .containsEntry("apicurio.registry.auth.password", "pw")
                .containsEntry("apicurio.registry.tls.truststore.location", "/etc/ca.p12")
                .containsEntry("apicurio.registry.tls.truststore.type", "PKCS12")
                .containsEntry("apicurio.registry.auto-register", false);
        assertThat(RegistryConnection.anonymous("http://registry/apis/registry/v3").serdeConfig())
                .containsOnlyKeys("apicurio.registry.url", "apicurio.registry.auto-register");
    }

    @Test
    void refusesIncompleteOrMixedRegistryCredentialsNamingTheProperty() {
        assertThatThrownBy(() -> RegistryConnection.of("http://r", true, new RegistryConnection.Credentials(
                Optional.of("trestle"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("trestle.registry.auth.password");
        assertThatThrownBy(() -> RegistryConnection.of("http://r", true, new RegistryConnection.Credentials(
                Optional.of("trestle"), Optional.of("pw"), Optional.empty(), Optional.of("client"), Optional.empty(),
                Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> RegistryConnection.anonymous(" ")).hasMessageContaining("TRESTLE_REGISTRY_URL");
    }
}
