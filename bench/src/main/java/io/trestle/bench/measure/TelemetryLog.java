package io.trestle.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.GenericRecord;

import io.trestle.bench.kafka.AvroReads;
import io.trestle.schema.topic.TrestleTopic;

/** The telemetry topic as the aggregator reads it, for {@link LatencyAttribution}. */
public final class TelemetryLog {

    private TelemetryLog() {
    }

    public static Map<Integer, List<LatencyAttribution.TelemetryRecord>> read(String bootstrap, String registryUrl) {
        Map<Integer, List<LatencyAttribution.TelemetryRecord>> partitions = new TreeMap<>();
        AvroReads.readAll(bootstrap, registryUrl, TrestleTopic.EQUIPMENT_TELEMETRY.topicName(), record -> {
            GenericRecord reading = record.value();
            long readingTime = AvroReads.millis(reading.get("readingTime"));
            // As the aggregator's ReadingTimeExtractor: a reading time ahead of the record's timestamp is capped.
            long streamTime = record.timestamp() > 0 ? Math.min(readingTime, record.timestamp()) : readingTime;
            String correlationId = AvroReads.text(((GenericRecord) reading.get("metadata")).get("correlationId"));
            partitions.computeIfAbsent(record.partition(), partition -> new ArrayList<>())
                    .add(new LatencyAttribution.TelemetryRecord(record.key(), streamTime, correlationId));
        });
        return partitions;
    }
}
