package io.trestle.schema.avro;

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

/**
 * Turns records a registry serde decoded generically into the generated class, through a {@link SpecificData} bound to
 * the class loader that loaded that class. A serde's own specific mode looks classes up through whatever loader Avro's
 * shared instance finds first, which is not the application's when it runs inside another class loader (Quarkus, under
 * test), and fails with a ClassCastException.
 */
public final class SpecificRecords<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;

    private SpecificRecords(Class<T> type, Schema readerSchema) {
        this.type = type;
        this.readerSchema = readerSchema;
        this.model = new SpecificData(type.getClassLoader());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    }

    /**
     * @param readerSchema
     *            the generated class's schema ({@code T.getClassSchema()})
     */
    public static <T extends SpecificRecord> SpecificRecords<T> of(Class<T> type, Schema readerSchema) {
        return new SpecificRecords<>(type, readerSchema);
    }

    /** The record as the generated class, resolved from the schema it was written with. */
    public T fromGeneric(GenericRecord written) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(written.getSchema()).write(written, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(written.getSchema(), readerSchema, model);
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read a decoded " + type.getSimpleName(), e);
        }
    }
}
