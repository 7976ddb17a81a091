package io.trestle.equipment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.rest.ApiKeys;

class ApiKeysTest {

    @Test
    void clientNamesSurviveTheEnvironmentVariableForm() {
        SmallRyeConfig config = configFrom(new EnvConfigSource(
                Map.of("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS", "local-demo:local-demo-key,acme:s3cr3t"), 300));

        ApiKeys keys = ApiKeys.parse(ApiKeysProducer.PROPERTY,
                config.getConfigMapping(EquipmentConnectorConfig.class).apiKeys().orElseThrow());

        assertThat(keys.clients()).containsExactly("local-demo", "acme");
        assertThat(keys.clientOf("local-demo-key")).contains("local-demo");
        assertThat(keys.clientOf("s3cr3t")).contains("acme");
    }

    @Test
    void noConfiguredKeysMeansNoClientAndNoKeyMatches() {
        SmallRyeConfig config = configFrom(new EnvConfigSource(Map.of(), 300));

        assertThat(config.getConfigMapping(EquipmentConnectorConfig.class).apiKeys()).isEmpty();
        ApiKeys keys = ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of());
        assertThat(keys.clients()).isEmpty();
        assertThat(keys.clientOf("")).isEmpty();
    }

    @Test
    void splitsAtTheFirstColonAndIgnoresBlanksAroundNamesAndKeys() {
        ApiKeys keys = ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of(" acme : s3:cr3t ", "fleet.ops_2:k-2"));

        assertThat(keys.clients()).containsExactly("acme", "fleet.ops_2");
        assertThat(keys.clientOf("s3:cr3t")).contains("acme");
        assertThat(keys.clientOf("s3")).isEmpty();
        assertThat(keys.clientOf("k-2")).contains("fleet.ops_2");
        assertThat(keys.clientOf("K-2")).isEmpty();
    }

    @Test
    void refusesAnEntryWithoutSeparatorNamingItsPositionButNotItsText() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:k1", "JustAKey42")))
                .withMessageStartingWith("trestle.equipment-connector.api-keys entry 2 has no ':'")
                .withMessageNotContaining("JustAKey42");
    }

    @Test
    void refusesAClientNameOutsideTheAllowedCharactersWithoutEchoingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("Acme Corp:k1")))
                .withMessageContaining("entry 1")
                .withMessageContaining("[a-z0-9][a-z0-9._-]*")
                .withMessageNotContaining("Acme");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("-acme:k1")))
                .withMessageContaining("entry 1");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of(":k1")))
                .withMessageContaining("entry 1");
    }

    @Test
    void refusesABlankKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:  ")))
                .withMessage("trestle.equipment-connector.api-keys entry 1 (client 'acme') has a blank key");
    }

    @Test
    void refusesAClientConfiguredTwiceWithoutNamingItsKeys() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:first-k3y", "acme:k3y-2")))
                .withMessage("trestle.equipment-connector.api-keys entry 2: client 'acme' is configured twice");
    }

    @Test
    void refusesTwoClientsSharingOneKeyBecauseTheKeyMustIdentifyTheClient() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:k3y-x", "fleet:k3y-x")))
                .withMessageContaining("entry 2: client 'fleet' has the same key as client 'acme'")
                .withMessageNotContaining("k3y-x");
    }

    @Test
    void refusesTheFormerPerClientFormInsteadOfIgnoringIt() {
        SmallRyeConfig fromEnv = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(
                Map.of("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS_LOCAL_DEMO", "local-demo-key"), 300)).build();
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> ApiKeys.rejectPerClientProperties(ApiKeysProducer.PROPERTY, fromEnv.getPropertyNames()))
                .withMessageStartingWith("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS_LOCAL_DEMO uses the former per-client")
                .withMessageContaining("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS)")
                .withMessageNotContaining("local-demo-key");

        SmallRyeConfig fromProperties = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("trestle.equipment-connector.api-keys.acme", "k1"), "test", 100)).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.rejectPerClientProperties(ApiKeysProducer.PROPERTY,
                        fromProperties.getPropertyNames()))
                .withMessageStartingWith("trestle.equipment-connector.api-keys.acme uses the former per-client");
    }

    @Test
    void acceptsTheListFormInBothSpellings() {
        SmallRyeConfig config = configFrom(
                new EnvConfigSource(Map.of("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS", "acme:k1"), 300),
                new PropertiesConfigSource(Map.of("trestle.equipment-connector.api-keys", "fleet:k2"), "test", 100));

        ApiKeys.rejectPerClientProperties(ApiKeysProducer.PROPERTY, config.getPropertyNames());
        // The environment variable outranks the properties file, as every other setting does.
        assertThat(ApiKeys
                .parse(ApiKeysProducer.PROPERTY,
                        config.getConfigMapping(EquipmentConnectorConfig.class).apiKeys().orElseThrow())
                .clients()).containsExactly("acme");
    }

    @Test
    void neverShowsKeysWhenPrinted() {
        assertThat(ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:s3cr3t"))).hasToString("ApiKeys[acme]");
    }

    private static SmallRyeConfig configFrom(org.eclipse.microprofile.config.spi.ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withSources(sources).withMapping(EquipmentConnectorConfig.class).build();
    }
}
