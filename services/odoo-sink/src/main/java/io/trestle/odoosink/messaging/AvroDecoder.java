package io.trestle.odoosink.messaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * Decodes the events of one generated Avro class: the registry serde resolves the writer schema by the id in the
 * record, and the generated class is filled through a {@link SpecificData} bound to the class loader that loaded it.
 * The serde's own specific mode looks classes up through whatever loader Avro's shared instance finds first, which is
 * not this application's when it runs inside another class loader (as under test), and fails with a ClassCastException.
 */
final class AvroDecoder<T extends SpecificRecord> implements AutoCloseable {

    private final AvroKafkaDeserializer<GenericRecord> deserializer;
    private final SpecificData model;
    private final Schema readerSchema;
    private final String eventName;

    AvroDecoder(AvroKafkaDeserializer<GenericRecord> deserializer, Class<T> type, Schema readerSchema) {
        this.deserializer = deserializer;
        this.readerSchema = readerSchema;
        this.eventName = type.getSimpleName();
        this.model = new SpecificData(type.getClassLoader());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    }

    T decode(String topic, Headers headers, byte[] value) {
        GenericRecord written = deserializer.deserialize(topic, headers, value);
        if (written == null) {
            throw new IllegalArgumentException("a tombstone is not a " + eventName);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(written.getSchema()).write(written, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(written.getSchema(), readerSchema, model);
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read a decoded " + eventName, e);
        }
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
