package io.trestle.equipment.service;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.trestle.equipment.aemp.AempEquipment;
import io.trestle.equipment.aemp.AempFormatException;
import io.trestle.equipment.aemp.AempPage;
import io.trestle.equipment.aemp.AempParser;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.AempClient.Deferred;
import io.trestle.equipment.client.AempClient.Fetched;
import io.trestle.equipment.client.VendorException;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.CycleResult.Outcome;
import io.trestle.equipment.service.CycleResult.UnresolvedMachine;
import io.trestle.equipment.service.QuarantineMapper.Refusal;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Polls one vendor's fleet snapshot ({@code Fleet/1} and on along the {@code next} links to the last page) and
 * publishes the readings that are new, resolved to the canonical asset through the crosswalk.
 * <p>
 * A snapshot repeats a machine's latest values until they change, so the poller remembers per asset and data element
 * the latest reading time it published, and publishes a reading only when one of its elements is newer. That memory
 * lives in this object: after a restart the first cycle publishes the current snapshot again, which the downstream
 * drops by event id (derived from the deterministic reading id).
 * <p>
 * Readings of machines the crosswalk does not know, and readings the validator refuses, go to quarantine with their
 * reason, never to telemetry. Their event ids are deterministic too, and the poller remembers what it quarantined, so a
 * snapshot repeating an unknown machine does not add its reading to the quarantine topic every cycle.
 * <p>
 * Cycles are driven from outside ({@link #cycle()}), one at a time; the poller itself never sleeps.
 */
public final class FleetPoller {

    private static final Logger LOG = Logger.getLogger(FleetPoller.class);
    /** Unknown machines named in one log line; the count is always logged in full. */
    private static final int UNRESOLVED_LOGGED = 10;
    /**
     * Quarantine event ids remembered, the oldest forgotten first: about 10 MB at most per vendor. A forgotten one is
     * quarantined again with the same id, which consumers drop, so the bound costs only a repeated record.
     */
    static final int QUARANTINED_REMEMBERED = 100_000;

    private final String vendor;
    private final String system;
    private final String sourceSystem;
    private final URI baseUrl;
    private final AempClient client;
    private final AempParser parser = new AempParser();
    private final MachineResolver resolver;
    private final FleetPageTriage triage;
    private final ReadingPublisher publisher;
    private final QuarantineSink quarantine;
    private final Clock clock;
    private final Duration publishTimeout;
    private final int maxBatchSize;

    private final Map<String, Map<String, Instant>> publishedUpTo = new HashMap<>();
    private final Set<UUID> quarantined = Collections.newSetFromMap(new LinkedHashMap<UUID, Boolean>() {

        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > QUARANTINED_REMEMBERED;
        }
    });
    private URI resumeAt;

    private final AtomicLong readingsPublished = new AtomicLong();
    private final AtomicLong readingsQuarantined = new AtomicLong();
    private volatile Instant lastSuccessfulCycle;
    private volatile String lastError;
    private volatile Outcome lastOutcome;
    private volatile int unresolvedMachines;

    /**
     * @param system
     *            the crosswalk system the vendor's machine ids are mapped under
     * @param baseUrl
     *            the API root, {@code Fleet/1} and relative links are resolved against it
     */
    public FleetPoller(String vendor, String system, URI baseUrl, AempClient client, MachineResolver resolver,
            TelemetryValidator validator, ReadingPublisher publisher, QuarantineSink quarantine, Clock clock,
            Duration publishTimeout, int maxBatchSize) {
        this.vendor = vendor;
        this.system = system;
        this.sourceSystem = "aemp:" + vendor;
        this.baseUrl = baseUrl.getPath().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.client = client;
        this.resolver = resolver;
        this.triage = new FleetPageTriage(resolver, validator, maxBatchSize);
        this.publisher = publisher;
        this.quarantine = quarantine;
        this.clock = clock;
        this.publishTimeout = publishTimeout;
        this.maxBatchSize = maxBatchSize;
    }

    public synchronized CycleResult cycle() {
        if (!resolver.ready()) {
            LOG.infof("Vendor %s: crosswalk not read to its end yet; skipping this cycle", vendor);
            return finish(new CycleResult(Outcome.CROSSWALK_NOT_READY, 0, 0, 0, 0, List.of(), Optional.empty(),
                    Optional.empty()));
        }
        Cycle cycle = new Cycle();
        URI page = resumeAt != null ? resumeAt : baseUrl.resolve("Fleet/1");
        resumeAt = null;
        try {
            Set<URI> visited = new HashSet<>();
            while (page != null && visited.add(page.normalize())) {
                AempClient.Fetch fetch = client.get(page);
                if (fetch instanceof Deferred deferred) {
                    resumeAt = page;
                    LOG.infof("Vendor %s: %s deferred until %s (%s)", vendor, page, deferred.until(),
                            deferred.reason());
                    return finish(cycle.result(Outcome.DEFERRED, Optional.of(deferred.until()), null));
                }
                Fetched fetched = (Fetched) fetch;
                AempPage parsed = parser.parseFleet(fetched.body(), fetched.contentType());
                cycle.pages++;
                publishNew(parsed.equipment(), page, cycle);
                page = parsed.next().map(baseUrl::resolve).orElse(null);
            }
            if (page != null) {
                LOG.warnf("Vendor %s: next page %s was already read in this cycle; treating it as the last", vendor,
                        page);
            }
            return finish(cycle.result(Outcome.COMPLETED, Optional.empty(), null));
        } catch (IOException | VendorException | AempFormatException | PublishFailed e) {
            LOG.warnf(e, "Vendor %s: cycle failed at %s", vendor, page);
            return finish(cycle.result(Outcome.FAILED, Optional.empty(), page + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(cycle.result(Outcome.FAILED, Optional.empty(), "interrupted"));
        }
    }

    public VendorStatus status() {
        return new VendorStatus(vendor, Optional.ofNullable(lastSuccessfulCycle), Optional.ofNullable(lastError),
                Optional.ofNullable(lastOutcome), readingsPublished.get(), readingsQuarantined.get(),
                client.requestsMade(), unresolvedMachines);
    }

    private CycleResult finish(CycleResult result) {
        lastOutcome = result.outcome();
        if (result.outcome() == Outcome.COMPLETED) {
            lastSuccessfulCycle = clock.instant();
        }
        if (result.outcome() == Outcome.FAILED) {
            lastError = result.error().orElse(null);
        }
        unresolvedMachines = result.unresolved().size();
        if (!result.unresolved().isEmpty()) {
            LOG.warnf(
                    "Vendor %s: %d machine(s) unknown to the crosswalk (system %s), their readings go to quarantine: %s",
                    vendor, result.unresolved().size(), system, result.unresolved().stream().limit(UNRESOLVED_LOGGED)
                            .map(machine -> machine.identity().toString()).collect(Collectors.joining("; ")));
        }
        return result;
    }

    private void publishNew(List<AempEquipment> machines, URI page, Cycle cycle)
            throws PublishFailed, InterruptedException {
        FleetPageTriage.Page triaged = triage.triage(machines, system, sourceSystem, this::isNew);
        cycle.unresolved.addAll(triaged.unresolved());
        List<Refusal> refused = triaged.refused();
        if (!refused.isEmpty()) {
            LOG.warnf("Vendor %s: %d reading(s) refused: %s", vendor, refused.size(),
                    refused.stream().map(Refusal::message).toList());
            cycle.invalid += refused.size();
        }
        List<TelemetryItem> valid = triaged.toPublish();
        for (int from = 0; from < valid.size(); from += maxBatchSize) {
            publish(valid.subList(from, Math.min(valid.size(), from + maxBatchSize)), cycle);
        }
        quarantine(refused, page, cycle);
        quarantine(triaged.unmapped(), page, cycle);
    }

    private void publish(List<TelemetryItem> valid, Cycle cycle) throws PublishFailed, InterruptedException {
        Instant ingestedAt = clock.instant();
        List<TelemetryReading> events = valid.stream()
                .map(item -> TelemetryMapper.toEvent(item, sourceSystem, cycle.correlationId, ingestedAt))
                .toList();
        await(publisher.tryPublish(events), events.size(), "readings");
        // Only now: a reading the broker did not take must stay new for the next cycle.
        valid.forEach(this::remember);
        cycle.published += valid.size();
        readingsPublished.addAndGet(valid.size());
    }

    /** Publishes the refusals not quarantined before, in batches, each acknowledged before it counts as done. */
    private void quarantine(List<Refusal> refusals, URI page, Cycle cycle) throws PublishFailed, InterruptedException {
        Instant now = clock.instant();
        Map<UUID, QuarantinedEvent> fresh = new LinkedHashMap<>();
        for (Refusal refusal : refusals) {
            QuarantinedEvent event = QuarantineMapper.toEvent(refusal, system, sourceSystem, page,
                    cycle.correlationId, now);
            UUID id = event.getMetadata().getEventId();
            if (!quarantined.contains(id)) {
                fresh.putIfAbsent(id, event);
            }
        }
        List<QuarantinedEvent> events = List.copyOf(fresh.values());
        for (int from = 0; from < events.size(); from += maxBatchSize) {
            List<QuarantinedEvent> batch = events.subList(from, Math.min(events.size(), from + maxBatchSize));
            await(quarantine.tryPublish(batch), batch.size(), "quarantined readings");
            // Only now: a refusal the broker did not take must be quarantined again by the next cycle.
            batch.forEach(event -> quarantined.add(event.getMetadata().getEventId()));
            cycle.quarantined += batch.size();
            readingsQuarantined.addAndGet(batch.size());
        }
    }

    private void await(Optional<CompletableFuture<Void>> sent, int count, String what)
            throws PublishFailed, InterruptedException {
        CompletableFuture<Void> acks = sent.orElseThrow(() -> new PublishFailed("too many " + what
                + " await the broker"));
        try {
            acks.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailed("the broker did not acknowledge " + count + " " + what + ": " + e);
        }
    }

    private boolean isNew(String asset, TelemetryItem reading) {
        Map<String, Instant> upTo = publishedUpTo.getOrDefault(asset, Map.of());
        return elements(reading).stream().anyMatch(element -> {
            Instant latest = upTo.get(element);
            return latest == null || reading.readingTime().isAfter(latest);
        });
    }

    private void remember(TelemetryItem reading) {
        Map<String, Instant> upTo = publishedUpTo.computeIfAbsent(reading.assetId(), asset -> new HashMap<>());
        for (String element : elements(reading)) {
            upTo.merge(element, reading.readingTime(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private static List<String> elements(TelemetryItem r) {
        List<String> elements = new ArrayList<>();
        addIf(elements, "operatingHours", r.cumulativeOperatingHours());
        addIf(elements, "idleHours", r.cumulativeIdleHours());
        addIf(elements, "fuelUsed", r.cumulativeFuelUsed());
        addIf(elements, "fuelRemaining", r.fuelRemainingPercent());
        addIf(elements, "defRemaining", r.defRemainingPercent());
        addIf(elements, "location", r.location());
        addIf(elements, "engineRunning", r.engineRunning());
        addIf(elements, "odometer", r.odometer());
        addIf(elements, "loadCount", r.cumulativeLoadCount());
        addIf(elements, "payload", r.cumulativePayload());
        return elements;
    }

    private static void addIf(List<String> elements, String name, Object value) {
        if (value != null) {
            elements.add(name);
        }
    }

    /** What the cycle in progress has done so far. */
    private static final class Cycle {

        /** One per cycle, so every reading of a cycle can be traced to it. */
        final String correlationId = UUID.randomUUID().toString();
        final List<UnresolvedMachine> unresolved = new ArrayList<>();
        int pages;
        int published;
        int invalid;
        int quarantined;

        CycleResult result(Outcome outcome, Optional<Instant> retryNotBefore, String error) {
            return new CycleResult(outcome, pages, published, invalid, quarantined, List.copyOf(unresolved),
                    retryNotBefore, Optional.ofNullable(error));
        }
    }

    private static final class PublishFailed extends Exception {

        private static final long serialVersionUID = 1L;

        PublishFailed(String message) {
            super(message);
        }
    }
}
