package io.trestle.equipment.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.trestle.equipment.aemp.AempEquipment;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.domain.PushBatch;
import io.trestle.equipment.domain.PushItem;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.FleetPageTriage.Decision;
import io.trestle.equipment.service.FleetPageTriage.Publish;
import io.trestle.equipment.service.FleetPageTriage.Quarantine;
import io.trestle.equipment.service.PushMachines.Resolved;
import io.trestle.equipment.service.QuarantineMapper.Payload;
import io.trestle.rest.Violation;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Re-submits what this service quarantined for an unknown machine, once the crosswalk maps it: polled readings, and
 * pushed items of every kind. A reading, polled or pushed, goes through the same triage as a polled page, as if it were
 * polled again now; a pushed item of another kind is resolved and validated as if it were pushed again now. Either is
 * published with the event id it would have had if its machine had been known from the start.
 * <p>
 * A replay keeps no memory of earlier ones. The entries it replayed stay on the topic, so a later replay publishes
 * their readings and items again, with the same event ids; consumers drop those by event id. That survives restarts and
 * needs no state beside the topic.
 */
@ApplicationScoped
public class QuarantineReplay {

    private static final String PUSH_SYSTEM_PREFIX = PushBatches.sourceSystem("");

    private final QuarantineLog log;
    private final MachineResolver resolver;
    private final FleetPageTriage triage;
    private final ReadingPublisher publisher;
    private final PushBatches batches;
    private final List<PushEventType<?, ?>> pushTypes;
    private final PushEventSinks pushSinks;
    private final QuarantineSink quarantine;
    private final EquipmentConnectorConfig config;
    private final Clock clock;

    @Inject
    public QuarantineReplay(QuarantineLog log, MachineResolver resolver, TelemetryValidator validator,
            ReadingPublisher publisher, PushBatches batches, Instance<PushEventType<?, ?>> pushTypes,
            PushEventSinks pushSinks, QuarantineSink quarantine, EquipmentConnectorConfig config) {
        this(log, resolver, validator, publisher, batches, pushTypes.stream().toList(), pushSinks, quarantine, config,
                Clock.systemUTC());
    }

    QuarantineReplay(QuarantineLog log, MachineResolver resolver, TelemetryValidator validator,
            ReadingPublisher publisher, PushBatches batches, List<PushEventType<?, ?>> pushTypes,
            PushEventSinks pushSinks, QuarantineSink quarantine, EquipmentConnectorConfig config, Clock clock) {
        this.log = log;
        this.resolver = resolver;
        this.triage = new FleetPageTriage(resolver, validator, config.ingest().maxBatchSize());
        this.publisher = publisher;
        this.batches = batches;
        this.pushTypes = List.copyOf(pushTypes);
        this.pushSinks = pushSinks;
        this.quarantine = quarantine;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param entryId
     *            the quarantine entry's event id
     * @param eventId
     *            the id of the event published for it
     * @param kind
     *            what was replayed: {@code reading}, {@code fault}, {@code work order}, …
     * @param itemId
     *            the reading id, or the pushing client's event id of the item
     */
    public record Replayed(UUID entryId, UUID eventId, String kind, String assetId, String itemId) {
    }

    /**
     * @param examined
     *            entries of this service for unknown machines, each counted once however often it was quarantined again
     * @param stillQuarantined
     *            entries whose machine the crosswalk still does not know, quarantined again with the next attempt
     * @param refused
     *            entries whose machine now resolves but whose reading or item the validator refuses, quarantined under
     *            that reason
     * @param unreadable
     *            entries without a machine and reading or item to replay, left as they are
     */
    public record Result(int examined, int replayed, int stillQuarantined, int refused, int unreadable,
            List<Replayed> replayedEntries) {
    }

    /** The readings, items or refusals of a replay were not acknowledged by the broker. */
    public static final class PublishFailed extends Exception {

        private static final long serialVersionUID = 1L;

        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One replay at a time: two running together would publish the same events twice and both requarantine the same
     * entries with the same next attempt.
     *
     * @param sourceSystem
     *            limits the replay to the entries of this source system ({@code aemp:<vendor>}, {@code push:<client>});
     *            all when empty
     * @param requestUri
     *            stands for where a polled reading came from when an entry does not say
     */
    public synchronized Result replay(Optional<String> sourceSystem, URI requestUri)
            throws PublishFailed, InterruptedException {
        // By entry id, the latest of its attempts: an entry requarantined by an earlier replay is on the topic again.
        Map<UUID, QuarantinedEvent> entries = new LinkedHashMap<>();
        log.readToEnd(entry -> {
            if (isReplayable(entry) && sourceSystem.map(entry.getMetadata().getSourceSystem()::equals).orElse(true)) {
                entries.put(entry.getMetadata().getEventId(), entry);
            }
        });
        Run run = new Run(UUID.randomUUID().toString(), clock.instant(), requestUri);
        Map<Systems, List<Entry>> readingsBySystems = new LinkedHashMap<>();
        int unreadable = 0;
        for (QuarantinedEvent entry : entries.values()) {
            Optional<PushEventType<?, ?>> pushType = pushTypeOf(entry);
            if (pushType.isPresent()) {
                if (!run.replayPushed(pushType.get(), entry)) {
                    unreadable++;
                }
                continue;
            }
            Optional<Payload> payload = TelemetryMapper.ENDPOINT.equals(entry.getSourceEndpoint())
                    ? pushedReadingOf(entry)
                    : QuarantineMapper.payloadOf(entry);
            if (payload.isEmpty()) {
                unreadable++;
            } else {
                Systems systems = new Systems(systemOf(entry), entry.getMetadata().getSourceSystem());
                readingsBySystems.computeIfAbsent(systems, key -> new ArrayList<>())
                        .add(new Entry(entry, payload.get()));
            }
        }
        for (Map.Entry<Systems, List<Entry>> group : readingsBySystems.entrySet()) {
            run.replayReadings(group.getKey(), group.getValue());
        }
        Duration timeout = config.ingest().publishTimeout();
        int maxBatchSize = config.ingest().maxBatchSize();
        publishAll(run.readings, publisher::tryPublish, maxBatchSize, timeout, "replayed readings");
        for (PushedEvents<?> events : run.pushedEvents.values()) {
            events.publish(maxBatchSize, timeout);
        }
        List<QuarantinedEvent> requarantined = new ArrayList<>(run.stillUnmapped);
        requarantined.addAll(run.refused);
        publishAll(requarantined, quarantine::tryPublish, maxBatchSize, timeout, "quarantine entries");
        return new Result(entries.size(), run.replayed.size(), run.stillUnmapped.size(), run.refused.size(),
                unreadable, List.copyOf(run.replayed));
    }

    static boolean isReplayable(QuarantinedEvent entry) {
        return QuarantineMapper.DETECTED_BY.equals(entry.getDetectedBy())
                && ReasonCode.UNMAPPED_EXTERNAL_ID.equals(entry.getReasonCode());
    }

    /** The kind of a pushed item other than a reading, by the endpoint it was pushed to. */
    private Optional<PushEventType<?, ?>> pushTypeOf(QuarantinedEvent entry) {
        return pushTypes.stream().filter(type -> type.endpoint().equals(entry.getSourceEndpoint())).findFirst();
    }

    /** A pushed reading carries its machine; the triage wants the two apart, as a polled page has them. */
    private static Optional<Payload> pushedReadingOf(QuarantinedEvent entry) {
        return QuarantineMapper.pushedItemOf(entry, TelemetryItem.class)
                .filter(item -> item.machine() != null)
                .map(item -> new Payload(item.machine(), item.ofAsset(null)));
    }

    /**
     * The crosswalk system the entry's machine was looked up under: its unresolved ids name it; an entry of a machine
     * with neither PIN nor serial number has none, and falls back to its vendor profile's, as polling chooses it.
     */
    private String systemOf(QuarantinedEvent entry) {
        String sourceSystem = entry.getMetadata().getSourceSystem();
        return entry.getUnresolvedIds().stream().map(ExternalId::getSystem).findFirst()
                .or(() -> vendorOf(sourceSystem).flatMap(Vendor::system))
                .orElse(sourceSystem);
    }

    private Optional<Vendor> vendorOf(String sourceSystem) {
        return sourceSystem.startsWith("aemp:")
                ? Optional.ofNullable(config.vendors().get(sourceSystem.substring("aemp:".length())))
                : Optional.empty();
    }

    private static URI endpointOf(QuarantinedEvent entry, URI requestUri) {
        return entry.getSourceEndpoint() != null ? URI.create(entry.getSourceEndpoint()) : requestUri;
    }

    /**
     * The same entry, its id and first sighting unchanged, as the schema asks of a replay that fails again. Changed in
     * place, as the log decoded it for this replay alone; Avro's copying builders would also look the generated classes
     * up through a class loader of their own.
     */
    private static QuarantinedEvent nextAttempt(QuarantinedEvent entry, String correlationId, Instant now) {
        entry.getMetadata().setIngestedAt(now);
        entry.getMetadata().setCorrelationId(correlationId);
        entry.setAttempt(entry.getAttempt() + 1);
        return entry;
    }

    /** A violation's field relative to its item: {@code partsNeeded[1].quantity} of {@code items[0].partsNeeded…}. */
    static String fieldOf(Violation violation) {
        return violation.field().replaceFirst("^" + PushBatches.ITEMS + "\\[\\d+\\]\\.?", "");
    }

    /** A violation's field as a JSON Pointer into the item; null when the whole item is concerned. */
    static String pointer(Violation violation) {
        String field = fieldOf(violation);
        return field.isEmpty() ? null : "/" + field.replace('[', '/').replace("]", "").replace('.', '/');
    }

    private static <E> void publishAll(List<E> events,
            Function<List<E>, Optional<CompletableFuture<Void>>> tryPublish, int maxBatchSize, Duration timeout,
            String what) throws PublishFailed, InterruptedException {
        for (int from = 0; from < events.size(); from += maxBatchSize) {
            List<E> batch = events.subList(from, Math.min(events.size(), from + maxBatchSize));
            CompletableFuture<Void> acks = tryPublish.apply(batch).orElseThrow(
                    () -> new PublishFailed("too many " + what + " await the broker", null));
            try {
                acks.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishFailed("the broker did not acknowledge " + batch.size() + " " + what, e);
            }
        }
    }

    /** What one replay decided, to be published once every entry is decided. */
    private final class Run {

        final String correlationId;
        final Instant now;
        final URI requestUri;
        final List<TelemetryReading> readings = new ArrayList<>();
        final Map<PushEventType<?, ?>, PushedEvents<?>> pushedEvents = new LinkedHashMap<>();
        final List<Replayed> replayed = new ArrayList<>();
        final List<QuarantinedEvent> stillUnmapped = new ArrayList<>();
        final List<QuarantinedEvent> refused = new ArrayList<>();

        Run(String correlationId, Instant now, URI requestUri) {
            this.correlationId = correlationId;
            this.now = now;
            this.requestUri = requestUri;
        }

        void replayReadings(Systems systems, List<Entry> replaying) {
            List<FleetPageTriage.Machine> machines = triage.triage(
                    replaying.stream().map(entry -> new AempEquipment(entry.payload().machine(),
                            List.of(entry.payload().reading()))).toList(),
                    systems.system(), systems.sourceSystem(), (asset, reading) -> true).machines();
            for (int i = 0; i < replaying.size(); i++) {
                QuarantinedEvent entry = replaying.get(i).event();
                // One machine per entry, with its one reading, as every reading is new to a replay.
                Decision decision = machines.get(i).readings().get(0);
                if (decision instanceof Publish publish) {
                    TelemetryItem reading = publish.reading();
                    TelemetryReading event = TelemetryMapper.toEvent(reading, reading.assetId(),
                            publish.resolvedFrom(), systems.sourceSystem(), correlationId, now);
                    readings.add(event);
                    replayed.add(new Replayed(entry.getMetadata().getEventId(), event.getMetadata().getEventId(),
                            TelemetryMapper.KIND, reading.assetId(), reading.readingId()));
                } else if (machines.get(i).assetId().isEmpty()) {
                    stillUnmapped.add(nextAttempt(entry, correlationId, now));
                } else {
                    QuarantinedEvent refusal = QuarantineMapper.toEvent(((Quarantine) decision).refusal(),
                            systems.system(), systems.sourceSystem(), endpointOf(entry, requestUri), correlationId,
                            now);
                    // The same input, refused for another reason now: it was first seen when first quarantined.
                    refusal.setFirstSeenAt(entry.getFirstSeenAt());
                    refused.add(refusal);
                }
            }
        }

        /** @return false when the entry holds no item of its kind with a machine to resolve */
        <I extends PushItem, E> boolean replayPushed(PushEventType<I, E> type, QuarantinedEvent entry) {
            String sourceSystem = entry.getMetadata().getSourceSystem();
            Optional<I> read = QuarantineMapper.pushedItemOf(entry, type.itemType());
            if (!sourceSystem.startsWith(PUSH_SYSTEM_PREFIX) || read.isEmpty() || read.get().machine() == null) {
                return false;
            }
            I item = read.get();
            String client = sourceSystem.substring(PUSH_SYSTEM_PREFIX.length());
            String system = systemOf(entry);
            Optional<String> asset = resolver.assetOf(system, item.machine());
            if (asset.isEmpty()) {
                stillUnmapped.add(nextAttempt(entry, correlationId, now));
                return true;
            }
            // Checked again, as the rules may have changed since it was pushed; it is published only if valid now.
            List<Violation> violations = batches.validate(new PushBatch<>(null, List.of(item)), client, type);
            if (!violations.isEmpty()) {
                QuarantinedEvent refusal = QuarantineMapper.toEvent(PushBatches.pushedItem(type, item, client),
                        ReasonCode.SCHEMA_VIOLATION, violations.stream()
                                .map(violation -> (fieldOf(violation) + " " + violation.message()).strip())
                                .collect(Collectors.joining("; ")),
                        pointer(violations.get(0)), List.of(), correlationId, now);
                refusal.setFirstSeenAt(entry.getFirstSeenAt());
                refused.add(refusal);
                return true;
            }
            E event = PushBatches.toEvent(type, item, client,
                    new Resolved(asset.get(), QuarantineMapper.externalIds(item.machine(), system)), correlationId,
                    now);
            pushedEventsOf(type).events.add(event);
            replayed.add(new Replayed(entry.getMetadata().getEventId(),
                    PushBatches.eventId(sourceSystem, type.name(), item.eventId()), type.name(), asset.get(),
                    item.eventId()));
            return true;
        }

        @SuppressWarnings("unchecked") // the map holds each kind's events under that kind
        private <E> PushedEvents<E> pushedEventsOf(PushEventType<?, E> type) {
            return (PushedEvents<E>) pushedEvents.computeIfAbsent(type, key -> new PushedEvents<>(type));
        }
    }

    /** The replayed events of one kind of pushed item, published on that kind's topic. */
    private final class PushedEvents<E> {

        final PushEventType<?, E> type;
        final List<E> events = new ArrayList<>();

        PushedEvents(PushEventType<?, E> type) {
            this.type = type;
        }

        void publish(int maxBatchSize, Duration timeout) throws PublishFailed, InterruptedException {
            publishAll(events, batch -> pushSinks.tryPublish(type, batch), maxBatchSize, timeout,
                    "replayed " + type.name() + "s");
        }
    }

    /** The crosswalk system machines are resolved under and the source system events carry. */
    private record Systems(String system, String sourceSystem) {
    }

    private record Entry(QuarantinedEvent event, Payload payload) {
    }
}
