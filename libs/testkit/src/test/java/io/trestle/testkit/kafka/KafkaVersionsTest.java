package io.trestle.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class KafkaVersionsTest {

    @Test
    void kafkaClientsOnTheClasspathAreTheReleaseOfTheInJvmBroker() {
        assertThat(AppInfoParser.getVersion())
                .as("kafka-clients (managed by the Quarkus BOM) must be the release of kafka-test-common-runtime"
                        + " (root pom property kafka.version); align kafka.version with the BOM")
                .isEqualTo(KafkaVersions.brokerVersion());
    }

    @Test
    void brokerVersionIsTheFilteredMavenProperty() {
        assertThat(KafkaVersions.brokerVersion()).as("testkit.properties was not filtered")
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
