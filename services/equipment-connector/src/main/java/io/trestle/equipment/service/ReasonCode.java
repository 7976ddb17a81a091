package io.trestle.equipment.service;

/**
 * The quarantine reason codes this service writes, each defined in the catalogue of the schemas README; a code is added
 * there before it is used here.
 */
public final class ReasonCode {

    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    public static final String UNMAPPED_EXTERNAL_ID = "UNMAPPED_EXTERNAL_ID";
    public static final String NEGATIVE_VALUE = "NEGATIVE_VALUE";
    public static final String VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE";
    public static final String TIMESTAMP_OUT_OF_RANGE = "TIMESTAMP_OUT_OF_RANGE";
    public static final String UNSUPPORTED_UNIT = "UNSUPPORTED_UNIT";
    public static final String DUPLICATE_ID = "DUPLICATE_ID";

    private ReasonCode() {
    }
}
