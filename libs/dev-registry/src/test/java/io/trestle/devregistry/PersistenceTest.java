package io.trestle.devregistry;

import static io.trestle.devregistry.AvroFixtures.quote;
import static io.trestle.devregistry.AvroFixtures.tradeV1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** With a data directory, records written before a restart stay decodable by their contentId. */
class PersistenceTest {

    private static final String V3 = "/apis/registry/v3";

    @TempDir
    Path dataDir;

    @Test
    void stateAndIdsSurviveARestart() {
        GenericRecord quote = quote("ACME", 12.5);
        byte[] bytes;
        String contentBefore;
        try (DevRegistry registry = DevRegistry.start(DevRegistryOptions.defaults().withDataDir(dataDir))) {
            Serdes serdes = new Serdes(registry);
            serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
            serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
            bytes = serdes.autoRegisteringSerializer().serialize("quotes", quote);
            RegistryHttp http = new RegistryHttp(registry.baseUrl());
            http.post(V3 + "/admin/rules", "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}");
            contentBefore = http.get(V3 + "/ids/contentIds/" + Serdes.frameId(bytes)).body();
        }

        try (DevRegistry restarted = DevRegistry.start(DevRegistryOptions.defaults().withDataDir(dataDir))) {
            Serdes serdes = new Serdes(restarted);
            RegistryHttp http = new RegistryHttp(restarted.baseUrl());

            assertThat(serdes.deserializer().deserialize("quotes", bytes)).isEqualTo(quote);
            assertThat(http.get(V3 + "/ids/contentIds/" + Serdes.frameId(bytes)).body()).isEqualTo(contentBefore);
            assertThat(http.get(V3 + "/admin/rules").body()).isEqualTo("[\"COMPATIBILITY\"]");

            serdes.autoRegisteringSerializer().serialize("keys", AvroFixtures.tradeKey("k"));
            JsonNode next = http.getJson(V3 + "/groups/default/artifacts/keys-value/versions/branch=latest");
            // The sequences continue where they stopped: trades v1 took globalId 1, quotes 2; contentIds 1 to 3.
            assertThat(next.get("globalId").asInt()).isEqualTo(3);
            assertThat(next.get("contentId").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aFreshDataDirectoryStartsEmpty() {
        try (DevRegistry registry = DevRegistry.start(DevRegistryOptions.defaults().withDataDir(dataDir))) {
            assertThat(new RegistryHttp(registry.baseUrl()).get("/apis/ccompat/v7/subjects").body()).isEqualTo("[]");
        }
    }
}
