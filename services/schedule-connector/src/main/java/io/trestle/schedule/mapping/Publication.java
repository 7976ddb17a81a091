package io.trestle.schedule.mapping;

import org.apache.avro.specific.SpecificRecord;

import io.trestle.schema.topic.TrestleTopic;

/** One event to publish: its topic, its key (the topic's key, e.g. the canonical project id) and the record. */
public record Publication(TrestleTopic topic, String key, SpecificRecord value) {
}
