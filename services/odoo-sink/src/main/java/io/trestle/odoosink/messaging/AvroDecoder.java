package io.trestle.odoosink.messaging;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.trestle.schema.avro.SpecificRecords;

/**
 * Decodes the events of one generated Avro class: the registry serde resolves the writer schema by the id in the record
 * and decodes it generically; {@link SpecificRecords} fills the generated class.
 */
final class AvroDecoder<T extends SpecificRecord> implements AutoCloseable {

    private final AvroKafkaDeserializer<GenericRecord> deserializer;
    private final SpecificRecords<T> records;
    private final String eventName;

    AvroDecoder(AvroKafkaDeserializer<GenericRecord> deserializer, Class<T> type, Schema readerSchema) {
        this.deserializer = deserializer;
        this.records = SpecificRecords.of(type, readerSchema);
        this.eventName = type.getSimpleName();
    }

    T decode(String topic, Headers headers, byte[] value) {
        GenericRecord written = deserializer.deserialize(topic, headers, value);
        if (written == null) {
            throw new IllegalArgumentException("a tombstone is not a " + eventName);
        }
        return records.fromGeneric(written);
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
