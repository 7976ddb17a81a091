package io.trestle.schedule.service;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The connector's business metrics. Tags take their values from fixed sets (event types, reason codes of the quarantine
 * catalogue, draft sources), never from ids.
 */
@ApplicationScoped
public class ScheduleMetrics {

    private static final String EVENTS_PUBLISHED = "trestle.schedule.events.published";
    private static final String CHANGES_REFUSED = "trestle.schedule.changes.refused";
    private static final String FILES_QUARANTINED = "trestle.schedule.files.quarantined";
    private static final String DRAFTS_RECEIVED = "trestle.schedule.drafts.received";
    private static final String LAST_PUBLISH = "trestle.schedule.last.publish";
    private static final String DRAFTS = "trestle.schedule.drafts";

    private final MeterRegistry registry;
    private final AtomicLong lastPublish = new AtomicLong();

    @Inject
    public ScheduleMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(LAST_PUBLISH, lastPublish, AtomicLong::get).baseUnit("seconds")
                .description("When a schedule was last published (Unix time); 0 before the first publish")
                .register(registry);
    }

    public void published(String eventType, int count) {
        Counter.builder(EVENTS_PUBLISHED).description("Schedule events acknowledged by the broker")
                .tag("type", eventType).register(registry).increment(count);
    }

    public void refused(String reasonCode) {
        Counter.builder(CHANGES_REFUSED).description("Schedule changes quarantined instead of published")
                .tag("reason", reasonCode).register(registry).increment();
    }

    public void quarantinedFile(String source) {
        Counter.builder(FILES_QUARANTINED).description("Schedule files refused as unreadable and quarantined")
                .tag("source", source).register(registry).increment();
    }

    public void draftReceived(String source) {
        Counter.builder(DRAFTS_RECEIVED).description("Schedules received as drafts, new or repeated")
                .tag("source", source).register(registry).increment();
    }

    public void publishedAt(Instant at) {
        lastPublish.set(at.getEpochSecond());
    }

    /** The number of drafts kept, read when the registry is scraped. */
    public void draftCount(Supplier<Number> count) {
        Gauge.builder(DRAFTS, count).description("Drafts kept on disk, published or not")
                .register(registry);
    }
}
