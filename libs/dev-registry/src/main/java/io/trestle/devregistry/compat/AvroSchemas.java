package io.trestle.devregistry.compat;

import org.apache.avro.Schema;

/** Parses Avro schema text the way Apicurio does for rules: referenced named types are known to the parser first. */
public final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * @throws RuntimeException
     *             (Avro's {@code SchemaParseException} and friends) when the text is not a valid schema
     */
    public static Schema parse(SchemaText text) {
        Schema.Parser parser = new Schema.Parser();
        for (String referenced : text.referencedContents()) {
            parser.parse(referenced);
        }
        return parser.parse(text.content());
    }

    public static boolean isValid(SchemaText text) {
        try {
            parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The schema with every referenced type written inline, as {@code ?references=DEREFERENCE} serves it. */
    public static String dereference(SchemaText text) {
        return parse(text).toString();
    }
}
