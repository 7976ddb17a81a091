package io.trestle.equipment.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.identity.MachineResolver;

/**
 * Runs a {@link FleetPoller} per enabled vendor profile on a thread of its own, so a slow vendor delays no other.
 * Nothing is started when no vendor is enabled.
 */
@ApplicationScoped
public class VendorPolling {

    private static final Logger LOG = Logger.getLogger(VendorPolling.class);
    /**
     * The crosswalk and the poll positions are typically read within seconds of startup; waiting a whole interval would
     * delay the first data.
     */
    static final Duration NOT_READY_RETRY = Duration.ofSeconds(10);

    private final EquipmentConnectorConfig config;
    private final Instance<MachineResolver> resolver;
    private final Instance<PollPositions> positions;
    private final TelemetryValidator validator;
    private final ReadingPublisher publisher;
    private final QuarantineSink quarantine;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, FleetPoller> pollers = new TreeMap<>();
    /** One per vendor profile, so polling and operations requests spend one request budget. */
    private final Map<String, AempClient> clients = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    @Inject
    public VendorPolling(EquipmentConnectorConfig config, Instance<MachineResolver> resolver,
            Instance<PollPositions> positions, TelemetryValidator validator, ReadingPublisher publisher,
            QuarantineSink quarantine) {
        this.config = config;
        this.resolver = resolver;
        this.positions = positions;
        this.validator = validator;
        this.publisher = publisher;
        this.quarantine = quarantine;
    }

    void start(@Observes StartupEvent startup) {
        Map<String, Vendor> enabled = new TreeMap<>();
        config.vendors().forEach((name, profile) -> {
            if (profile.enabled()) {
                enabled.put(name, profile);
            }
        });
        if (enabled.isEmpty()) {
            LOG.info("No AEMP vendor enabled; nothing is polled");
            return;
        }
        if (!resolver.isResolvable()) {
            throw new IllegalStateException("AEMP vendors " + enabled.keySet()
                    + " are enabled but no MachineResolver is available to map their machines to assets");
        }
        if (!positions.isResolvable()) {
            throw new IllegalStateException("AEMP vendors " + enabled.keySet()
                    + " are enabled but no PollPositions store is available to keep what they published");
        }
        enabled.forEach((name, profile) -> pollers.put(name,
                new FleetPoller(name, profile, client(name).orElseThrow(), resolver.get(), validator, publisher,
                        quarantine, positions.get(), clock, config.ingest().publishTimeout(),
                        config.ingest().maxBatchSize())));
        scheduler = Executors.newScheduledThreadPool(pollers.size(), task -> {
            Thread thread = new Thread(task, "aemp-poll");
            thread.setDaemon(true);
            return thread;
        });
        enabled.forEach((name, profile) -> scheduler.execute(() -> run(name, profile.interval())));
        LOG.infof("Polling AEMP vendors %s", enabled.keySet());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The poller of a vendor, for operations and tests to drive a cycle now. */
    public Optional<FleetPoller> poller(String vendor) {
        return Optional.ofNullable(pollers.get(vendor));
    }

    /**
     * The API client of a configured vendor profile, enabled or not; a polled vendor's is its poller's.
     *
     * @throws IllegalArgumentException
     *             when the profile lacks a property its auth type needs
     */
    public Optional<AempClient> client(String vendor) {
        Vendor profile = config.vendors().get(vendor);
        if (profile == null) {
            return Optional.empty();
        }
        return Optional.of(clients.computeIfAbsent(vendor, name -> AempClient.of(name, profile, clock)));
    }

    public List<VendorStatus> statuses() {
        return pollers.values().stream().map(FleetPoller::status).toList();
    }

    private void run(String vendor, Duration interval) {
        Duration delay = interval;
        try {
            delay = nextDelay(pollers.get(vendor).cycle(), interval, clock.instant());
        } catch (RuntimeException e) {
            // A bug must not end the vendor's polling for the life of the process.
            LOG.errorf(e, "Vendor %s: polling cycle failed unexpectedly", vendor);
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> run(vendor, interval), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A deferred cycle resumes as soon as its request is allowed, never later than the regular interval. */
    static Duration nextDelay(CycleResult result, Duration interval, Instant now) {
        Duration delay = switch (result.outcome()) {
            case CROSSWALK_NOT_READY, POSITIONS_NOT_READY -> NOT_READY_RETRY;
            case DEFERRED -> result.retryNotBefore().map(until -> Duration.between(now, until))
                    .orElse(interval);
            case COMPLETED, FAILED -> interval;
        };
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(interval) > 0 ? interval : delay;
    }
}
