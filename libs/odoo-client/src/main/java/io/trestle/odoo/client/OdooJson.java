package io.trestle.odoo.client;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** JSON as Odoo reads and writes it; dates and instants in arguments are written in Odoo's formats. */
final class OdooJson {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("odoo-values")
            .addSerializer(new StdSerializer<>(LocalDate.class) {

                @Override
                public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeString(OdooValues.date(value));
                }
            })
            .addSerializer(new StdSerializer<>(Instant.class) {

                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeString(OdooValues.datetime(value));
                }
            }));

    private OdooJson() {
    }

    /** Arguments the caller passed that JSON cannot represent are a programming error, raised before any request. */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
