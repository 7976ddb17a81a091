package io.trestle.schedule.export.health;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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
    private final List<Gauge> gauges;

    @Inject
    public ExportMetrics(MeterRegistry registry, ExportStatus status) {
        this.registry = registry;
        this.gauges = List.of(
                Gauge.builder("trestle.schedule.export.lag", status, s -> s.snapshot().lag()).strongReference(true)
                        .register(registry),
                Gauge.builder("trestle.schedule.export.paused", status, s -> s.paused() ? 1 : 0)
                        .strongReference(true).register(registry));
    }

    /**
     * Quarkus' registry outlives the application in dev mode and tests, and registering a gauge of the same name again
     * would return the old one, still reading the stopped application's status.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
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
