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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.equipment.aemp.AempEquipment;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.identity.MachineResolver;
import io.trestle.equipment.service.FleetPageTriage.Decision;
import io.trestle.equipment.service.FleetPageTriage.Publish;
import io.trestle.equipment.service.FleetPageTriage.Quarantine;
import io.trestle.equipment.service.QuarantineMapper.Payload;
import io.trestle.schema.common.ExternalId;
import io.trestle.schema.equipment.TelemetryReading;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * Re-submits the polled readings this service quarantined for an unknown machine, once the crosswalk maps it: each
 * entry goes through the same triage as a polled page, as if it were polled again now.
 * <p>
 * A replay keeps no memory of earlier ones. The entries it replayed stay on the topic, so a later replay publishes
 * their readings again, with the event ids polling gives them; consumers drop those by event id. That survives restarts
 * and needs no state beside the topic.
 */
@ApplicationScoped
public class QuarantineReplay {

    private final QuarantineLog log;
    private final MachineResolver resolver;
    private final FleetPageTriage triage;
    private final ReadingPublisher publisher;
    private final QuarantineSink quarantine;
    private final EquipmentConnectorConfig config;
    private final Clock clock;

    @Inject
    public QuarantineReplay(QuarantineLog log, MachineResolver resolver, TelemetryValidator validator,
            ReadingPublisher publisher, QuarantineSink quarantine, EquipmentConnectorConfig config) {
        this(log, resolver, validator, publisher, quarantine, config, Clock.systemUTC());
    }

    QuarantineReplay(QuarantineLog log, MachineResolver resolver, TelemetryValidator validator,
            ReadingPublisher publisher, QuarantineSink quarantine, EquipmentConnectorConfig config, Clock clock) {
        this.log = log;
        this.resolver = resolver;
        this.triage = new FleetPageTriage(resolver, validator, config.ingest().maxBatchSize());
        this.publisher = publisher;
        this.quarantine = quarantine;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param entryId
     *            the quarantine entry's event id
     * @param eventId
     *            the id of the telemetry event published for it
     */
    public record Replayed(UUID entryId, UUID eventId, String assetId, String readingId) {
    }

    /**
     * @param examined
     *            entries of this service for unknown machines, each counted once however often it was quarantined again
     * @param stillQuarantined
     *            entries whose machine the crosswalk still does not know, quarantined again with the next attempt
     * @param refused
     *            entries whose machine now resolves but whose reading the validator refuses, quarantined under that
     *            reason as polling would
     * @param unreadable
     *            entries without a machine and reading to replay, left as they are
     */
    public record Result(int examined, int replayed, int stillQuarantined, int refused, int unreadable,
            List<Replayed> replayedEntries) {
    }

    /** The readings or refusals of a replay were not acknowledged by the broker. */
    public static final class PublishFailed extends Exception {

        private static final long serialVersionUID = 1L;

        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One replay at a time: two running together would publish the same readings twice and both requarantine the same
     * entries with the same next attempt.
     *
     * @param sourceSystem
     *            limits the replay to the entries of this source system ({@code aemp:<vendor>}); all when empty
     * @param requestUri
     *            stands for where the reading came from when an entry does not say
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
        String correlationId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<Systems, List<Entry>> bySystems = new LinkedHashMap<>();
        int unreadable = 0;
        for (QuarantinedEvent entry : entries.values()) {
            Optional<Payload> payload = QuarantineMapper.payloadOf(entry);
            if (payload.isEmpty()) {
                unreadable++;
            } else {
                Systems systems = new Systems(systemOf(entry), entry.getMetadata().getSourceSystem());
                bySystems.computeIfAbsent(systems, key -> new ArrayList<>()).add(new Entry(entry, payload.get()));
            }
        }
        List<TelemetryReading> readings = new ArrayList<>();
        List<Replayed> replayed = new ArrayList<>();
        List<QuarantinedEvent> stillUnmapped = new ArrayList<>();
        List<QuarantinedEvent> refused = new ArrayList<>();
        for (Map.Entry<Systems, List<Entry>> group : bySystems.entrySet()) {
            Systems systems = group.getKey();
            List<Entry> replaying = group.getValue();
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
                    TelemetryReading event = TelemetryMapper.toEvent(reading, systems.sourceSystem(), correlationId,
                            now);
                    readings.add(event);
                    replayed.add(new Replayed(entry.getMetadata().getEventId(), event.getMetadata().getEventId(),
                            reading.assetId(), reading.readingId()));
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
        Duration timeout = config.ingest().publishTimeout();
        int maxBatchSize = config.ingest().maxBatchSize();
        publishAll(readings, publisher::tryPublish, maxBatchSize, timeout, "replayed readings");
        List<QuarantinedEvent> requarantined = new ArrayList<>(stillUnmapped);
        requarantined.addAll(refused);
        publishAll(requarantined, quarantine::tryPublish, maxBatchSize, timeout, "quarantine entries");
        return new Result(entries.size(), replayed.size(), stillUnmapped.size(), refused.size(), unreadable,
                List.copyOf(replayed));
    }

    static boolean isReplayable(QuarantinedEvent entry) {
        return QuarantineMapper.DETECTED_BY.equals(entry.getDetectedBy())
                && ReasonCode.UNMAPPED_EXTERNAL_ID.equals(entry.getReasonCode());
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

    /** The crosswalk system machines are resolved under and the source system events carry. */
    private record Systems(String system, String sourceSystem) {
    }

    private record Entry(QuarantinedEvent event, Payload payload) {
    }
}
