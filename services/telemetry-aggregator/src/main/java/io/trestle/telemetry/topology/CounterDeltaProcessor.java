package io.trestle.telemetry.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.trestle.schema.common.Measure;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.telemetry.domain.CounterState;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.service.CounterDeltas;
import io.trestle.telemetry.service.WindowSplitter;

/**
 * Per asset, compares each reading's cumulative counters with the asset's last reading (kept in
 * {@link UsageTopology#COUNTER_STORE}) and forwards the usage in between, split per window. Each piece carries the last
 * millisecond of its span as timestamp, the latest time it can claim, so it is as far from late as possible.
 */
class CounterDeltaProcessor implements FixedKeyProcessor<String, TelemetryReading, UsageDelta> {

    private static final Logger LOG = Logger.getLogger(CounterDeltaProcessor.class);

    private final long windowSizeMillis;
    private FixedKeyProcessorContext<String, UsageDelta> context;
    private KeyValueStore<String, CounterState> counters;

    CounterDeltaProcessor(long windowSizeMillis) {
        this.windowSizeMillis = windowSizeMillis;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, UsageDelta> context) {
        this.context = context;
        this.counters = context.getStateStore(UsageTopology.COUNTER_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TelemetryReading> record) {
        TelemetryReading reading = record.value();
        if (reading == null || reading.getCumulativeOperatingHours() == null) {
            // Readings without an hour meter (e.g. position only) carry no usage to charge.
            return;
        }
        String assetId = record.key();
        Measure fuel = reading.getCumulativeFuelUsed();
        CounterDeltas.Step step = CounterDeltas.next(counters.get(assetId), reading.getReadingTime().toEpochMilli(),
                reading.getCumulativeOperatingHours(), reading.getCumulativeIdleHours(),
                fuel == null ? null : fuel.getValue(), fuel == null ? null : fuel.getUnit());
        if (step.resetDetected()) {
            LOG.warnf("Counter of asset %s ran backwards at %s (reading %s); baseline restarted, no usage charged",
                    assetId, reading.getReadingTime(), reading.getMetadata().getEventId());
        }
        counters.put(assetId, step.state());
        step.delta().ifPresent(delta -> WindowSplitter.split(delta, windowSizeMillis)
                .forEach(piece -> context.forward(record.withValue(piece).withTimestamp(piece.to() - 1))));
    }
}
