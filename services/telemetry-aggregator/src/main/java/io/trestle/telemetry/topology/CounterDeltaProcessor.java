package io.trestle.telemetry.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.trestle.schema.common.Measure;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.telemetry.domain.CounterReading;
import io.trestle.telemetry.domain.RecentReadings;
import io.trestle.telemetry.domain.UsageRevision;
import io.trestle.telemetry.service.CounterDeltas;

/**
 * Per asset, places each reading among the asset's recent readings (kept in {@link UsageTopology#READINGS_STORE}) and
 * forwards what it says about usage (see {@link CounterDeltas}), with the reading time as timestamp. Every reading is
 * forwarded, even one that changes nothing: it still moves the ledger's stream time, which closes windows.
 */
class CounterDeltaProcessor implements FixedKeyProcessor<String, TelemetryReading, UsageOutcome> {

    private static final Logger LOG = Logger.getLogger(CounterDeltaProcessor.class);

    private final CounterDeltas.Rules rules;
    private final String telemetryTopic;
    private FixedKeyProcessorContext<String, UsageOutcome> context;
    private KeyValueStore<String, RecentReadings> readings;

    CounterDeltaProcessor(CounterDeltas.Rules rules, String telemetryTopic) {
        this.rules = rules;
        this.telemetryTopic = telemetryTopic;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, UsageOutcome> context) {
        this.context = context;
        this.readings = context.getStateStore(UsageTopology.READINGS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TelemetryReading> record) {
        TelemetryReading reading = record.value();
        if (reading == null || record.key() == null) {
            return;
        }
        // The record timestamp is the reading time capped at the time Kafka got it (ReadingTimeExtractor).
        long readingTime = record.timestamp();
        if (reading.getCumulativeOperatingHours() == null) {
            // A reading without an hour meter (e.g. position only) carries no usage, but time passed.
            context.forward(record.withValue(new UsageOutcome.Usage(UsageRevision.none(readingTime))));
            return;
        }
        String assetId = record.key();
        Measure fuel = reading.getCumulativeFuelUsed();
        CounterReading counters = new CounterReading(readingTime, reading.getCumulativeOperatingHours(),
                reading.getCumulativeIdleHours(), fuel == null ? null : fuel.getValue(),
                fuel == null ? null : fuel.getUnit());
        RecentReadings history = readings.get(assetId);
        CounterDeltas.Step step = CounterDeltas.next(rules, history == null ? RecentReadings.NONE : history,
                counters);
        if (!step.readings().equals(history)) {
            readings.put(assetId, step.readings());
        }
        step.anomalies().forEach(anomaly -> {
            LOG.warnf("Asset %s, reading %s: %s (%s)", assetId, reading.getMetadata().getEventId(),
                    anomaly.message(), anomaly.reasonCode());
            context.forward(record.withValue(
                    new Finding(anomaly.reasonCode(), anomaly.message(), telemetryTopic, reading.toString())));
        });
        context.forward(record.withValue(new UsageOutcome.Usage(step.revision())));
    }
}
