package io.trestle.devregistry;

import static io.trestle.devregistry.AvroFixtures.order;
import static io.trestle.devregistry.AvroFixtures.quote;
import static io.trestle.devregistry.AvroFixtures.tradeKey;
import static io.trestle.devregistry.AvroFixtures.tradeV1;
import static io.trestle.devregistry.AvroFixtures.tradeV2;
import static io.trestle.devregistry.AvroFixtures.tradeWithVenue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.apicurio.registry.serde.config.SerdeConfig;

/** The real Apicurio serde 3.1.7 against the dev registry, in the scenarios of the recording. */
class SerdeRoundTripTest {

    private static final String V3 = "/apis/registry/v3";

    private DevRegistry registry;
    private Serdes serdes;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        registry = DevRegistry.start(0);
        serdes = new Serdes(registry);
        http = new RegistryHttp(registry.baseUrl());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void autoRegisteredRecordsAreFramedWithTheContentIdAndDecodedByAFreshDeserializer() {
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        // A cold serializer re-registers the same content: Apicurio consumes a contentId for it, so from here on
        // contentIds run ahead of globalIds.
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        GenericRecord quote = quote("ACME", 12.5);

        byte[] bytes = serdes.autoRegisteringSerializer().serialize("quotes", quote);

        JsonNode version = latest("quotes-value");
        assertThat(version.get("globalId").asInt()).isEqualTo(2);
        assertThat(version.get("contentId").asInt()).isEqualTo(3);
        assertThat(Serdes.frameId(bytes)).isEqualTo(3);
        assertThat(serdes.deserializer().deserialize("quotes", bytes)).isEqualTo(quote);
    }

    @Test
    void useIdGlobalIdFramesWithTheGlobalIdAndItsDeserializerResolvesIt() {
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        Map<String, Object> useGlobalId = Map.of(SerdeConfig.AUTO_REGISTER_ARTIFACT, true, SerdeConfig.USE_ID,
                "globalId");
        GenericRecord quote = quote("ACME", 12.5);

        byte[] bytes = serdes.serializer(useGlobalId, false).serialize("quotes", quote);

        assertThat(Serdes.frameId(bytes)).isEqualTo(latest("quotes-value").get("globalId").asInt()).isEqualTo(2);
        assertThat(serdes.deserializer(Map.of(SerdeConfig.USE_ID, "globalId"), false).deserialize("quotes", bytes))
                .isEqualTo(quote);
    }

    @Test
    void aCompatibleSecondSchemaBecomesVersion2AndBothVersionsStayReadable() {
        GenericRecord first = tradeV1("ACME", 12.5);
        GenericRecord second = tradeV2("BETA", 1.25, "hello");

        byte[] firstBytes = serdes.autoRegisteringSerializer().serialize("trades", first);
        byte[] secondBytes = serdes.autoRegisteringSerializer().serialize("trades", second);

        assertThat(latest("trades-value").get("version").asText()).isEqualTo("2");
        assertThat(Serdes.frameId(secondBytes)).isNotEqualTo(Serdes.frameId(firstBytes));
        assertThat(serdes.deserializer().deserialize("trades", firstBytes)).isEqualTo(first);
        assertThat(serdes.deserializer().deserialize("trades", secondBytes)).isEqualTo(second);
    }

    @Test
    void findLatestWritesWithTheLatestRegisteredVersion() {
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        serdes.autoRegisteringSerializer().serialize("trades", tradeV2("BETA", 1.25, null));
        Map<String, Object> findLatest = Map.of(SerdeConfig.AUTO_REGISTER_ARTIFACT, false,
                SerdeConfig.FIND_LATEST_ARTIFACT, true);
        GenericRecord record = tradeV2("GAMMA", 2.5, "latest");

        byte[] bytes = serdes.serializer(findLatest, false).serialize("trades", record);

        assertThat(Serdes.frameId(bytes)).isEqualTo(latest("trades-value").get("contentId").asInt());
        assertThat(serdes.deserializer().deserialize("trades", bytes)).isEqualTo(record);
    }

    @Test
    void withoutAutoRegisterTheSerializerFindsItsSchemaByContent() {
        byte[] registered = serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        Map<String, Object> lookupOnly = Map.of(SerdeConfig.AUTO_REGISTER_ARTIFACT, false);

        byte[] bytes = serdes.serializer(lookupOnly, false).serialize("trades", tradeV1("BETA", 3.0));

        assertThat(Serdes.frameId(bytes)).isEqualTo(Serdes.frameId(registered));
    }

    @Test
    void aNestedRecordIsRegisteredAsAReferencedArtifact() {
        GenericRecord order = order("o-1", 1250, "EUR");

        byte[] bytes = serdes.autoRegisteringSerializer().serialize("orders", order);

        JsonNode references = http
                .getJson(V3 + "/groups/default/artifacts/orders-value/versions/branch%3Dlatest/references");
        assertThat(references.toString())
                .isEqualTo("[{\"artifactId\":\"tx.common.Money\",\"version\":\"1\",\"name\":\"tx.common.Money\"}]");
        assertThat(http.get(V3 + "/groups/default/artifacts/tx.common.Money").statusCode()).isEqualTo(200);
        assertThat(serdes.deserializer().deserialize("orders", bytes)).isEqualTo(order);
    }

    @Test
    void aKeySerializerRegistersTheKeyArtifact() {
        GenericRecord key = tradeKey("t-42");

        byte[] bytes = serdes.serializer(Map.of(SerdeConfig.AUTO_REGISTER_ARTIFACT, true), true).serialize("trades",
                key);

        assertThat(latest("trades-key").get("contentId").asInt()).isEqualTo(Serdes.frameId(bytes));
        assertThat(serdes.deserializer(Map.of(), true).deserialize("trades", bytes)).isEqualTo(key);
    }

    @Test
    void anIncompatibleSchemaIsRejectedUnderAGlobalBackwardRule() {
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        assertThat(http.post(V3 + "/admin/rules", "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}")
                .statusCode()).isEqualTo(204);

        assertThatThrownBy(() -> serdes.autoRegisteringSerializer().serialize("trades", tradeWithVenue()))
                .satisfies(thrown -> assertThat(Serdes.problemDetails(thrown).getDetail()).isEqualTo(
                        "Incompatible artifact: trades-value [AVRO], num of incompatible diffs: {1}, list of diff types: "
                                + "[venue at /fields/2] Causes: venue at /fields/2"));
        assertThat(latest("trades-value").get("version").asText()).isEqualTo("1");
    }

    private JsonNode latest(String artifactId) {
        return http.getJson(V3 + "/groups/default/artifacts/" + artifactId + "/versions/branch=latest");
    }
}
