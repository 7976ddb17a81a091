package io.trestle.telemetry.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import io.trestle.schema.equipment.TelemetryReading;

/**
 * Windows follow the machine's reading time, not the time Kafka received the record: a feed that delivers an hour of
 * buffered readings at once must still charge each reading to the window it was taken in. A reading time later than the
 * record's own timestamp (a device clock running fast) is capped at it, because stream time is shared by all assets of
 * a partition and one fast clock would otherwise close its neighbours' windows early.
 */
public class ReadingTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof TelemetryReading reading && reading.getReadingTime() != null) {
            long readingTime = reading.getReadingTime().toEpochMilli();
            return record.timestamp() > 0 ? Math.min(readingTime, record.timestamp()) : readingTime;
        }
        return record.timestamp();
    }
}
