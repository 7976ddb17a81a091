package io.trestle.schedule.export.health;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The export's meters, in Prometheus as {@code trestle_schedule_export_lag} (records not yet delivered),
 * {@code trestle_schedule_export_paused} (1 while an update waits for the planner),
 * {@code trestle_schedule_export_delivered_total{target,format}} and
 * {@code trestle_schedule_export_failures_total{reason}}. A singleton, not a lazily created application-scoped bean:
 * the gauges exist from the start, not from the first delivery.
 */
@Singleton
public class ExportMetrics {

    private final MeterRegistry registry;

    @Inject
    public ExportMetrics(MeterRegistry registry, ExportStatus status) {
        this.registry = registry;
        registry.gauge("trestle.schedule.export.lag", Tags.empty(), status, s -> s.snapshot().lag());
        registry.gauge("trestle.schedule.export.paused", Tags.empty(), status, s -> s.paused() ? 1 : 0);
    }

    public void delivered(String target, String format) {
        registry.counter("trestle.schedule.export.delivered", "target", target, "format", format).increment();
    }

    /**
     * @param reason
     *            a {@code DeliveryException} reason, or {@code malformed} for a record that cannot be decoded
     */
    public void failed(String reason) {
        registry.counter("trestle.schedule.export.failures", "reason", reason).increment();
    }
}
