package io.trestle.equipment.service;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.trestle.equipment.aemp.AempEquipment;
import io.trestle.equipment.aemp.AempFormatException;
import io.trestle.equipment.aemp.AempPage;
import io.trestle.equipment.aemp.AempParser;
import io.trestle.equipment.aemp.AempTimeSeriesPage;
import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.client.AempClient;
import io.trestle.equipment.client.AempClient.Deferred;
import io.trestle.equipment.client.AempClient.Fetched;
import io.trestle.equipment.client.VendorException;
import io.trestle.equipment.client.VendorPaths;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.CycleResult.Outcome;
import io.trestle.equipment.service.CycleResult.UnresolvedMachine;
import io.trestle.equipment.service.FleetPageTriage.Publish;
import io.trestle.equipment.service.PollPositions.Position;
import io.trestle.equipment.service.QuarantineMapper.Refusal;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Polls one vendor's fleet snapshot ({@code Fleet/1} and on along the {@code next} links to the last page) and
 * publishes the readings that are new, resolved to the canonical asset through the crosswalk.
 * <p>
 * A snapshot repeats a machine's latest values until they change, so the poller remembers per asset and data element
 * the latest reading time it published, and publishes a reading only when one of its elements is newer. That memory is
 * kept in {@link PollPositions} once the broker acknowledged the readings, and read back before the first cycle, so a
 * restart does not publish the snapshot again.
 * <p>
 * A snapshot shows only the latest values, so after polling stopped for a while (the vendor's outage or the connector's
 * own) the readings taken in between would be missing. When a machine's reading of a cumulative element lies more than
 * {@code backfill-after} beyond the last one published, the element's time series is read from there (at most
 * {@code backfill-max} back) and its readings are published, oldest first, before the snapshot's. A back-fill that
 * cannot finish in a cycle (request budget, 429, vendor error) holds back the snapshot readings of that element and
 * goes on in the next cycle; nothing beyond what was published is remembered as published.
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
    private final VendorPaths paths;
    private final Backfill backfill;
    private final AempClient client;
    private final AempParser parser = new AempParser();
    private final MachineResolver resolver;
    private final FleetPageTriage triage;
    private final ReadingPublisher publisher;
    private final QuarantineSink quarantine;
    private final PollPositions positions;
    private final Clock clock;
    private final Duration publishTimeout;
    private final int maxBatchSize;

    /** Concurrent, because the dry run of a single machine asks {@link #isNew} while a cycle runs. */
    private final Map<String, Map<String, Instant>> publishedUpTo = new ConcurrentHashMap<>();
    /** Positions acknowledged by the broker but not yet by the positions store; stored with the next save. */
    private final Map<PositionKey, Instant> unsaved = new LinkedHashMap<>();
    private final Map<PositionKey, Backfill.Job> backfills = new HashMap<>();
    private boolean positionsLoaded;
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
    private final AtomicLong readingsBackfilled = new AtomicLong();
    private final AtomicLong backfillsCapped = new AtomicLong();
    private volatile Instant lastSuccessfulCycle;
    private volatile String lastError;
    private volatile Outcome lastOutcome;
    private volatile int unresolvedMachines;
    private volatile int backfillsPending;
    private volatile String lastBackfillCap;
    private volatile String lastBackfillError;

    /**
     * @param profile
     *            the vendor's crosswalk system and back-fill settings; its URLs come with {@code client}
     * @throws IllegalArgumentException
     *             when the profile's back-fill settings are unusable
     */
    public FleetPoller(String vendor, Vendor profile, AempClient client, MachineResolver resolver,
            TelemetryValidator validator, ReadingPublisher publisher, QuarantineSink quarantine,
            PollPositions positions, Clock clock, Duration publishTimeout, int maxBatchSize) {
        this.vendor = vendor;
        this.system = systemOf(vendor, profile);
        this.sourceSystem = sourceSystemOf(vendor);
        this.paths = client.paths();
        this.backfill = Backfill.of(vendor, profile);
        this.client = client;
        this.resolver = resolver;
        this.triage = new FleetPageTriage(resolver, validator, maxBatchSize);
        this.publisher = publisher;
        this.quarantine = quarantine;
        this.positions = positions;
        this.clock = clock;
        this.publishTimeout = publishTimeout;
        this.maxBatchSize = maxBatchSize;
    }

    /** The crosswalk system a vendor's machines are resolved under. */
    public static String systemOf(String vendor, Vendor profile) {
        return profile.system().orElse("aemp:" + vendor);
    }

    /** The source system of a vendor's events; their ids derive from it. */
    public static String sourceSystemOf(String vendor) {
        return "aemp:" + vendor;
    }

    public synchronized CycleResult cycle() {
        if (!resolver.ready()) {
            LOG.infof("Vendor %s: crosswalk not read to its end yet; skipping this cycle", vendor);
            return finish(new Cycle().result(Outcome.CROSSWALK_NOT_READY, Optional.empty(), null));
        }
        if (!positions.ready()) {
            LOG.infof("Vendor %s: poll positions not read to their end yet; skipping this cycle", vendor);
            return finish(new Cycle().result(Outcome.POSITIONS_NOT_READY, Optional.empty(), null));
        }
        loadPositions();
        Cycle cycle = new Cycle();
        URI page = resumeAt != null ? resumeAt : paths.firstFleetPage();
        resumeAt = null;
        try {
            savePositions();
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
                page = parsed.next().map(paths::resolve).orElse(null);
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
                client.requestsMade(), unresolvedMachines, readingsBackfilled.get(), backfillsPending,
                backfillsCapped.get(), Optional.ofNullable(lastBackfillCap), Optional.ofNullable(lastBackfillError));
    }

    /**
     * Whether a reading of the asset is still to be published: one of its elements is newer than the last published.
     */
    public boolean isNew(String asset, TelemetryItem reading) {
        Map<String, Instant> upTo = publishedUpTo.getOrDefault(asset, Map.of());
        return elements(reading).stream().anyMatch(element -> {
            Instant latest = upTo.get(element);
            return latest == null || reading.readingTime().isAfter(latest);
        });
    }

    /**
     * The back-fills a cycle would run before publishing these readings of the asset, going by what is published now;
     * for the dry run, so nothing is fetched or counted.
     */
    public List<Backfill.Window> backfillsDue(String asset, List<TelemetryItem> readings) {
        List<Backfill.Window> due = new ArrayList<>();
        for (Backfill.Resource resource : backfill.resources()) {
            Optional<Instant> latest = latest(readings, resource.counter());
            Instant upTo = publishedUpTo(asset, resource.counter().element());
            if (latest.isPresent() && upTo != null) {
                backfill.window(asset, resource, upTo, latest.get()).ifPresent(due::add);
            }
        }
        return due;
    }

    private CycleResult finish(CycleResult result) {
        lastOutcome = result.outcome();
        if (result.outcome() == Outcome.COMPLETED) {
            lastSuccessfulCycle = clock.instant();
        }
        if (result.outcome() == Outcome.FAILED) {
            lastError = result.error().orElse(null);
        }
        if (result.outcome() != Outcome.CROSSWALK_NOT_READY && result.outcome() != Outcome.POSITIONS_NOT_READY) {
            backfillsPending = result.backfillsPending();
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
        List<Publish> valid = new ArrayList<>();
        for (FleetPageTriage.Machine machine : triaged.machines()) {
            List<Publish> toPublish = machine.readings().stream().filter(Publish.class::isInstance)
                    .map(Publish.class::cast).toList();
            if (machine.assetId().isPresent() && !toPublish.isEmpty()) {
                Set<String> unfinished = backfill(machine.identity(), machine.assetId().get(),
                        toPublish.stream().map(Publish::reading).toList(), cycle);
                // Published after the gap is filled, or the gap would be remembered as published.
                toPublish = toPublish.stream()
                        .filter(publish -> elements(publish.reading()).stream().noneMatch(unfinished::contains))
                        .toList();
            }
            valid.addAll(toPublish);
        }
        for (int from = 0; from < valid.size(); from += maxBatchSize) {
            publish(valid.subList(from, Math.min(valid.size(), from + maxBatchSize)), cycle);
        }
        quarantine(refused, refusal -> page, cycle);
        quarantine(triaged.unmapped(), refusal -> page, cycle);
    }

    /**
     * Fills the gaps before a machine's snapshot readings from the time series of each back-filled element and
     * publishes what it found, oldest first.
     *
     * @param snapshot
     *            the machine's new, valid snapshot readings
     * @return the elements whose gap is not filled yet: their snapshot readings must wait
     */
    private Set<String> backfill(EquipmentIdentity machine, String asset, List<TelemetryItem> snapshot, Cycle cycle)
            throws PublishFailed, InterruptedException {
        Set<String> unfinished = new HashSet<>();
        Map<String, Backfill.Collected> gap = new LinkedHashMap<>();
        Map<String, Instant> finishedShort = new HashMap<>();
        for (Backfill.Resource resource : backfill.resources()) {
            String element = resource.counter().element();
            PositionKey key = new PositionKey(asset, element);
            Optional<Instant> latest = latest(snapshot, resource.counter());
            Instant upTo = publishedUpTo(asset, element);
            Optional<Backfill.Window> window = latest.isEmpty() || upTo == null
                    ? Optional.empty()
                    : backfill.window(asset, resource, upTo, latest.get());
            if (window.isEmpty()) {
                backfills.remove(key);
                continue;
            }
            Backfill.Job job = backfills.get(key);
            if (job == null || !job.window().publishedUpTo().equals(upTo)) {
                job = start(machine, window.get()).orElse(null);
                if (job == null) {
                    continue;
                }
                backfills.put(key, job);
            }
            if (!read(job, cycle)) {
                unfinished.add(element);
                continue;
            }
            backfills.remove(key);
            job.gap(latest.get()).forEach(collected -> gap.putIfAbsent(collected.reading().readingId(), collected));
            if (job.window().to().isBefore(latest.get())) {
                finishedShort.put(element, latest.get());
            }
        }
        publishBackfilled(machine, gap.values().stream().sorted(Comparator
                .comparing((Backfill.Collected c) -> c.reading().readingTime())
                .thenComparing(c -> c.reading().readingId())).toList(), cycle);
        // A back-fill begun cycles ago ends at the snapshot of then; what lies beyond is the next cycle's to fill.
        finishedShort.forEach((element, latest) -> {
            Instant upTo = publishedUpTo(asset, element);
            if (Duration.between(upTo, latest).compareTo(backfill.after()) > 0) {
                unfinished.add(element);
            }
        });
        cycle.backfillsPending += unfinished.size();
        return unfinished;
    }

    /** A back-fill of the window, or none when the machine cannot be asked for its time series. */
    private Optional<Backfill.Job> start(EquipmentIdentity machine, Backfill.Window window) {
        Optional<String> id = VendorPaths.idOf(machine);
        if (id.isEmpty()) {
            capped(window, "not back-filled: the machine has neither PIN nor EquipmentID to ask its time series by");
            return Optional.empty();
        }
        if (window.capped()) {
            capped(window, "back-filled from " + window.from() + " only (backfill-max " + backfill.max()
                    + "); readings from " + window.publishedUpTo() + " to then are not fetched");
        }
        LOG.infof("Vendor %s: back-filling %s", vendor, Backfill.describe(window));
        return Optional.of(new Backfill.Job(window, machine,
                paths.timeSeries(id.get(), window.resource().name(), window.from(), window.to(), 1)));
    }

    private void capped(Backfill.Window window, String what) {
        String message = "Gap in " + window.resource().name() + " of asset " + window.assetId() + " from "
                + window.publishedUpTo() + " to " + window.to() + " " + what;
        LOG.warnf("Vendor %s: %s", vendor, message);
        backfillsCapped.incrementAndGet();
        lastBackfillCap = message;
    }

    /**
     * Reads the job's pages from where it stopped.
     *
     * @return whether the last page is read
     */
    private boolean read(Backfill.Job job, Cycle cycle) throws InterruptedException {
        while (job.next().isPresent()) {
            URI page = job.next().get();
            AempTimeSeriesPage parsed;
            try {
                AempClient.Fetch fetch = client.get(page);
                if (fetch instanceof Deferred deferred) {
                    LOG.infof("Vendor %s: back-fill of %s deferred at %s until %s (%s)", vendor,
                            Backfill.describe(job.window()), page, deferred.until(), deferred.reason());
                    return false;
                }
                Fetched fetched = (Fetched) fetch;
                parsed = parser.parseTimeSeries(fetched.body(), fetched.contentType(), job.machine());
            } catch (IOException | VendorException | AempFormatException e) {
                String message = "Back-fill of " + Backfill.describe(job.window()) + " failed at " + page + ": "
                        + e.getMessage() + "; its snapshot readings wait for it";
                LOG.warnf("Vendor %s: %s", vendor, message);
                lastBackfillError = message;
                return false;
            }
            if (!job.read(page, parsed.readings(), parsed.next().map(paths::resolve))) {
                LOG.warnf("Vendor %s: the next page after %s was already read in this back-fill; treating it as "
                        + "the last", vendor, page);
            }
        }
        return true;
    }

    private void publishBackfilled(EquipmentIdentity machine, List<Backfill.Collected> gap, Cycle cycle)
            throws PublishFailed, InterruptedException {
        if (gap.isEmpty()) {
            return;
        }
        Map<String, URI> pages = new HashMap<>();
        gap.forEach(collected -> pages.put(collected.reading().readingId(), collected.page()));
        FleetPageTriage.Page triaged = triage.triage(
                List.of(new AempEquipment(machine, gap.stream().map(Backfill.Collected::reading).toList())), system,
                sourceSystem, (asset, reading) -> true);
        List<Publish> valid = triaged.toPublish();
        for (int from = 0; from < valid.size(); from += maxBatchSize) {
            List<Publish> batch = valid.subList(from, Math.min(valid.size(), from + maxBatchSize));
            publish(batch, cycle);
            cycle.backfilled += batch.size();
            readingsBackfilled.addAndGet(batch.size());
        }
        List<Refusal> refused = new ArrayList<>(triaged.refused());
        refused.addAll(triaged.unmapped());
        if (!refused.isEmpty()) {
            LOG.warnf("Vendor %s: %d back-filled reading(s) refused: %s", vendor, refused.size(),
                    refused.stream().map(Refusal::message).toList());
            cycle.invalid += refused.size();
        }
        quarantine(refused, refusal -> pages.get(refusal.reading().readingId()), cycle);
    }

    private void publish(List<Publish> valid, Cycle cycle) throws PublishFailed, InterruptedException {
        Instant ingestedAt = clock.instant();
        List<TelemetryReading> events = valid.stream()
                .map(publish -> TelemetryMapper.toEvent(publish.reading(), publish.reading().assetId(),
                        publish.resolvedFrom(), sourceSystem, cycle.correlationId, ingestedAt))
                .toList();
        await(publisher.tryPublish(events), events.size(), "readings");
        // Only now: a reading the broker did not take must stay new for the next cycle.
        valid.forEach(publish -> remember(publish.reading()));
        cycle.published += valid.size();
        readingsPublished.addAndGet(valid.size());
        savePositions();
    }

    /**
     * Publishes the refusals not quarantined before, in batches, each acknowledged before it counts as done.
     *
     * @param page
     *            the page each refused reading came from
     */
    private void quarantine(List<Refusal> refusals, Function<Refusal, URI> page, Cycle cycle)
            throws PublishFailed, InterruptedException {
        Instant now = clock.instant();
        Map<UUID, QuarantinedEvent> fresh = new LinkedHashMap<>();
        for (Refusal refusal : refusals) {
            QuarantinedEvent event = QuarantineMapper.toEvent(refusal, system, sourceSystem, page.apply(refusal),
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
        await(sent.orElseThrow(() -> new PublishFailed("too many " + what + " await the broker")), count, what);
    }

    private void await(CompletableFuture<Void> acks, int count, String what)
            throws PublishFailed, InterruptedException {
        try {
            acks.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailed("the broker did not acknowledge " + count + " " + what + ": " + e);
        }
    }

    private Instant publishedUpTo(String asset, String element) {
        return publishedUpTo.getOrDefault(asset, Map.of()).get(element);
    }

    private static Optional<Instant> latest(List<TelemetryItem> readings, Backfill.Counter counter) {
        return readings.stream().filter(counter::carries).map(TelemetryItem::readingTime)
                .max(Comparator.naturalOrder());
    }

    private void remember(TelemetryItem reading) {
        Map<String, Instant> upTo = publishedUpTo.computeIfAbsent(reading.assetId(),
                asset -> new ConcurrentHashMap<>());
        for (String element : elements(reading)) {
            Instant latest = upTo.merge(element, reading.readingTime(), (a, b) -> a.isAfter(b) ? a : b);
            unsaved.put(new PositionKey(reading.assetId(), element), latest);
        }
    }

    /** Once, before the first cycle: the positions the store holds, merged with any this poller has since. */
    private void loadPositions() {
        if (positionsLoaded) {
            return;
        }
        List<Position> stored = positions.load(vendor);
        for (Position position : stored) {
            publishedUpTo.computeIfAbsent(position.asset(), asset -> new ConcurrentHashMap<>())
                    .merge(position.element(), position.publishedUpTo(), (a, b) -> a.isAfter(b) ? a : b);
        }
        positionsLoaded = true;
        LOG.infof("Vendor %s: %d poll position(s) of %d asset(s) read", vendor, stored.size(),
                publishedUpTo.size());
    }

    /**
     * Stores the positions of the readings the broker acknowledged. Stored after the readings, so a position never runs
     * ahead of what was published; a crash in between publishes some readings again, under the same event ids.
     */
    private void savePositions() throws PublishFailed, InterruptedException {
        if (unsaved.isEmpty()) {
            return;
        }
        Map<PositionKey, Instant> saving = new LinkedHashMap<>(unsaved);
        List<Position> batch = saving.entrySet().stream()
                .map(entry -> new Position(entry.getKey().asset(), entry.getKey().element(), entry.getValue()))
                .toList();
        await(positions.save(vendor, batch), batch.size(), "poll positions");
        saving.forEach(unsaved::remove);
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

    private record PositionKey(String asset, String element) {
    }

    /** What the cycle in progress has done so far. */
    private static final class Cycle {

        /** One per cycle, so every reading of a cycle can be traced to it. */
        final String correlationId = UUID.randomUUID().toString();
        final List<UnresolvedMachine> unresolved = new ArrayList<>();
        int pages;
        int published;
        int backfilled;
        int backfillsPending;
        int invalid;
        int quarantined;

        CycleResult result(Outcome outcome, Optional<Instant> retryNotBefore, String error) {
            return new CycleResult(outcome, pages, published, backfilled, backfillsPending, invalid, quarantined,
                    List.copyOf(unresolved), retryNotBefore, Optional.ofNullable(error));
        }
    }

    private static final class PublishFailed extends Exception {

        private static final long serialVersionUID = 1L;

        PublishFailed(String message) {
            super(message);
        }
    }
}
