package io.trestle.telemetry.topology;

import java.time.Duration;
import java.time.Instant;

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
 *
 * <p>
 * Stream time is shared by all assets of a partition, so a machine that reports rarely can find its window already
 * closed by its neighbours. The window store would drop such usage with nothing but a log line; this processor mirrors
 * the store's closing rule (it sees exactly the records the store sees, in the same order) and flags that usage
 * instead, so it is reviewed rather than lost.
 */
class CounterDeltaProcessor implements FixedKeyProcessor<String, TelemetryReading, UsageOutcome> {

    private static final Logger LOG = Logger.getLogger(CounterDeltaProcessor.class);

    private final long windowSizeMillis;
    private final long graceMillis;
    private final CounterDeltas.Rules rules;
    private FixedKeyProcessorContext<String, UsageOutcome> context;
    private KeyValueStore<String, CounterState> counters;
    /** The window store's view of stream time: the largest timestamp forwarded to it since this task started. */
    private long observedStreamTime;

    CounterDeltaProcessor(Duration windowSize, Duration grace, CounterDeltas.Rules rules) {
        this.windowSizeMillis = windowSize.toMillis();
        this.graceMillis = grace.toMillis();
        this.rules = rules;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, UsageOutcome> context) {
        this.context = context;
        this.counters = context.getStateStore(UsageTopology.COUNTER_STORE);
        this.observedStreamTime = -1;
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
        // The record timestamp is the reading time capped at the time Kafka got it (ReadingTimeExtractor).
        CounterDeltas.Step step = CounterDeltas.next(rules, counters.get(assetId), record.timestamp(),
                reading.getCumulativeOperatingHours(), reading.getCumulativeIdleHours(),
                fuel == null ? null : fuel.getValue(), fuel == null ? null : fuel.getUnit());
        counters.put(assetId, step.state());
        step.anomaly().ifPresent(anomaly -> {
            LOG.warnf("Asset %s, reading %s: %s (%s)", assetId, reading.getMetadata().getEventId(),
                    anomaly.message(), anomaly.reasonCode());
            context.forward(record.withValue(new UsageOutcome.Flagged(anomaly.reasonCode(), anomaly.message(),
                    reading.toString())));
        });
        step.delta().ifPresent(delta -> WindowSplitter.split(delta, windowSizeMillis)
                .forEach(piece -> forward(record, reading, piece)));
    }

    private void forward(FixedKeyRecord<String, TelemetryReading> record, TelemetryReading reading,
            UsageDelta piece) {
        long timestamp = piece.to() - 1;
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        long windowEnd = Math.floorDiv(piece.from(), windowSizeMillis) * windowSizeMillis + windowSizeMillis;
        boolean windowClosed = windowEnd <= observedStreamTime - graceMillis;
        if (!windowClosed) {
            context.forward(record.withValue((UsageOutcome) new UsageOutcome.Usage(piece)).withTimestamp(timestamp));
        } else if (piece.operatingHours() > 0 || positive(piece.idleHours()) || positive(piece.fuelUsed())) {
            String message = "%.4f operating hours between %s and %s reached window %s–%s after it closed (stream time %s, grace %s); not charged"
                    .formatted(piece.operatingHours(), Instant.ofEpochMilli(piece.from()),
                            Instant.ofEpochMilli(piece.to()), Instant.ofEpochMilli(windowEnd - windowSizeMillis),
                            Instant.ofEpochMilli(windowEnd), Instant.ofEpochMilli(observedStreamTime),
                            Duration.ofMillis(graceMillis));
            LOG.warnf("Asset %s: %s", record.key(), message);
            context.forward(record.withValue(new UsageOutcome.Flagged("USAGE_AFTER_WINDOW_CLOSED", message,
                    reading.toString())));
        }
    }

    private static boolean positive(Double value) {
        return value != null && value > 0;
    }
}
