package io.trestle.odooconnector.mapping;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record for a compacted master-data topic.
 *
 * @param value
 *            the snapshot, or null for the tombstone that follows the last snapshot of a deleted record
 */
public record Publication(String topic, String key, SpecificRecord value) {
}
