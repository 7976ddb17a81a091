package io.trestle.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.testkit.SmokeChecks;
import io.trestle.testkit.TrestleStack;

/** A real Quarkus application, in Quarkus's own class loader, gets the servers the plain JUnit tests use. */
@QuarkusTest
@WithTestResource(TrestleTestResource.class)
class TrestleTestResourceQuarkusTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    @Test
    void theApplicationIsConfiguredForTheSharedServers() {
        assertThat(config("kafka.bootstrap.servers")).isEqualTo(stack.bootstrapServers());
        assertThat(config("apicurio.registry.url")).isEqualTo(stack.registryUrl());
        assertThat(config("trestle.registry.url")).isEqualTo(stack.registryUrl());
        assertThat(config("quarkus.devservices.enabled")).isEqualTo("false");
    }

    @Test
    void theSharedServersWorkFromInsideTheApplication() throws Exception {
        SmokeChecks.avroRoundTrip(stack.kafkaBroker(), stack.registry());
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
