package io.trestle.devregistry;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;

import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;

/** Real Apicurio serdes (3.1.7) pointed at a dev registry; every call makes a new, cold instance. */
final class Serdes {

    private final String registryUrl;

    Serdes(DevRegistry registry) {
        this.registryUrl = registry.apicurioUrl();
    }

    AvroKafkaSerializer<GenericRecord> autoRegisteringSerializer() {
        return serializer(Map.of(SerdeConfig.AUTO_REGISTER_ARTIFACT, true), false);
    }

    AvroKafkaSerializer<GenericRecord> serializer(Map<String, Object> extra, boolean isKey) {
        AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config(extra), isKey);
        return serializer;
    }

    AvroKafkaDeserializer<GenericRecord> deserializer() {
        return deserializer(Map.of(), false);
    }

    AvroKafkaDeserializer<GenericRecord> deserializer(Map<String, Object> extra, boolean isKey) {
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config(extra), isKey);
        return deserializer;
    }

    private Map<String, Object> config(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        return config;
    }

    /** The id in the serde's default framing: magic byte 0, then a 4-byte big-endian id. */
    static int frameId(byte[] bytes) {
        if (bytes[0] != 0) {
            throw new IllegalArgumentException("No magic byte 0 in front of the record");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The registry's error as the serde surfaces it: a ProblemDetails somewhere in the cause chain. */
    static ProblemDetails problemDetails(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ProblemDetails problem) {
                return problem;
            }
        }
        throw new AssertionError("No ProblemDetails in the cause chain of " + thrown, thrown);
    }
}
