package io.trestle.devregistry;

import static io.trestle.devregistry.AvroFixtures.order;
import static io.trestle.devregistry.AvroFixtures.quote;
import static io.trestle.devregistry.AvroFixtures.tradeV1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Confluent-style reader (id from the frame, schema from {@code /schemas/ids/{id}}, plain Avro) decodes what the
 * Apicurio serde wrote: the frame id is the contentId, which is also the ccompat schema id.
 */
class ConfluentCompatibleReadTest {

    private static final String CCOMPAT = "/apis/ccompat/v7";

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
    void aConfluentStyleReaderDecodesSerdeRecordsByTheirSchemaId() throws IOException {
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        serdes.autoRegisteringSerializer().serialize("trades", tradeV1("ACME", 12.5));
        GenericRecord quote = quote("ACME", 12.5);
        byte[] bytes = serdes.autoRegisteringSerializer().serialize("quotes", quote);

        JsonNode schema = http.getJson(CCOMPAT + "/schemas/ids/" + Serdes.frameId(bytes));
        Schema writer = new Schema.Parser().parse(schema.get("schema").asText());

        assertThat(decode(writer, bytes)).isEqualTo(quote);
    }

    @Test
    void referencesAreResolvedThroughTheirSubjects() throws IOException {
        GenericRecord order = order("o-1", 1250, "EUR");
        byte[] bytes = serdes.autoRegisteringSerializer().serialize("orders", order);

        JsonNode schema = http.getJson(CCOMPAT + "/schemas/ids/" + Serdes.frameId(bytes));
        Schema.Parser parser = new Schema.Parser();
        for (JsonNode reference : schema.get("references")) {
            JsonNode referenced = http.getJson(CCOMPAT + "/subjects/" + reference.get("subject").asText()
                    + "/versions/" + reference.get("version").asInt());
            parser.parse(referenced.get("schema").asText());
        }
        Schema writer = parser.parse(schema.get("schema").asText());

        assertThat(decode(writer, bytes)).isEqualTo(order);
    }

    private static GenericRecord decode(Schema writer, byte[] framed) throws IOException {
        byte[] body = Arrays.copyOfRange(framed, 5, framed.length);
        return new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(body, null));
    }
}
