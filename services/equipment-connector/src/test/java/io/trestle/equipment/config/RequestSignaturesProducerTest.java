package io.trestle.equipment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.rest.ApiKeys;
import io.trestle.rest.RequestSignatures;

class RequestSignaturesProducerTest {

    private static final String SECRET = "acme-signing-secret-0123456789";
    private final ApiKeys apiKeys = ApiKeys.parse(ApiKeysProducer.PROPERTY, List.of("acme:k1", "fleet:k2"));

    @Test
    void readsTheSecretsAndToleranceFromTheEnvironmentAndOnlyListedClientsMustSign() {
        SmallRyeConfig config = configFrom(Map.of("TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS", "acme:" + SECRET,
                "TRESTLE_EQUIPMENT_CONNECTOR_SIGNATURE_TOLERANCE", "PT2M"));

        RequestSignatures signatures = produce(config);

        assertThat(signatures.clients()).containsExactly("acme");
        assertThat(signatures.requiresSignature("fleet")).isFalse();
        assertThat(signatures.tolerance()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void noSecretsMeansNoClientSignsAndTheToleranceDefaultsToFiveMinutes() {
        RequestSignatures signatures = produce(configFrom(Map.of()));

        assertThat(signatures.clients()).isEmpty();
        assertThat(signatures.tolerance()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesASecretOfAClientWithoutAnApiKeyRatherThanLeaveTheIntendedClientUnsigned() {
        SmallRyeConfig config = configFrom(Map.of("TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS", "acem:" + SECRET));

        assertThatIllegalArgumentException().isThrownBy(() -> produce(config))
                .withMessage("trestle.equipment-connector.signing-secrets names client 'acem', which has no API key "
                        + "in trestle.equipment-connector.api-keys");
    }

    @Test
    void refusesThePerClientFormInsteadOfIgnoringItWithoutShowingTheSecret() {
        SmallRyeConfig config = configFrom(Map.of("TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS_ACME", SECRET));

        assertThatIllegalArgumentException().isThrownBy(() -> produce(config))
                .withMessageStartingWith("TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS_ACME is not read")
                .withMessageNotContaining(SECRET);
    }

    private RequestSignatures produce(SmallRyeConfig config) {
        return new RequestSignaturesProducer().requestSignatures(
                config.getConfigMapping(EquipmentConnectorConfig.class), config, apiKeys);
    }

    private static SmallRyeConfig configFrom(Map<String, String> env) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300))
                .withMapping(EquipmentConnectorConfig.class).build();
    }
}
