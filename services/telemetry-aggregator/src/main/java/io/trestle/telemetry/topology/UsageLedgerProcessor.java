package io.trestle.telemetry.topology;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.telemetry.domain.BookedReservation;
import io.trestle.telemetry.domain.PostedLine;
import io.trestle.telemetry.domain.PostedWindow;
import io.trestle.telemetry.domain.ReservationBook;
import io.trestle.telemetry.domain.UsageDelta;
import io.trestle.telemetry.domain.UsageRevision;
import io.trestle.telemetry.domain.WindowUsage;
import io.trestle.telemetry.service.CostPostings;
import io.trestle.telemetry.service.LineCorrections;
import io.trestle.telemetry.service.RateCard;
import io.trestle.telemetry.service.UnallocatedUsageEvents;
import io.trestle.telemetry.service.WindowPricing;
import io.trestle.telemetry.service.WindowSplitter;
import io.trestle.telemetry.topology.WindowKeys.Deadline;

/**
 * Keeps each asset's usage per tumbling window and its reservations, and posts a window when stream time passes its end
 * plus grace: attributed to the reservations and priced at the rates in force at each moment (see
 * {@link WindowPricing}), one posting per project, cost code, asset and window.
 *
 * <p>
 * <b>Stream time</b> is the latest reading time seen by this task, kept in {@link UsageTopology#STREAM_TIME_STORE}.
 * Kafka's own stream time would do, were it not also moved by the reservations read by the same task: a reservation
 * published today would close every window of telemetry still being back-filled from yesterday.
 *
 * <p>
 * <b>Corrections.</b> A window's usage and postings are kept for the correction retention after it closed. Usage that
 * reaches a closed window (a late reading, or one arriving out of order) and any reservation change covering it reopen
 * the window: it is recomputed one grace period later, so a burst of late data yields one correction, not one per
 * reading, and every line whose figures changed is posted again as the next revision (see {@link LineCorrections}). A
 * reservation that arrives after its usage was posted as unallocated thus moves the usage to its project, within the
 * retention. Later than that, usage is quarantined and reservation changes no longer touch posted windows.
 *
 * <p>
 * Windows are closed by a range scan of {@link UsageTopology#DEADLINE_STORE}, ordered by due time, instead of a
 * punctuator iterating all windows.
 */
class UsageLedgerProcessor implements Processor<String, LedgerInput, String, LedgerOutput> {

    private static final Logger LOG = Logger.getLogger(UsageLedgerProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_TIME_KEY = "stream-time";
    private static final long NO_TIME = Long.MIN_VALUE;

    private final AggregatorSettings settings;
    private final AggregatorSettings.Windows windows;
    private final Clock clock;
    private ProcessorContext<String, LedgerOutput> context;
    private KeyValueStore<String, WindowUsage> usage;
    private KeyValueStore<String, PostedWindow> posted;
    private KeyValueStore<String, ReservationBook> reservations;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, Long> streamTimes;
    private TimestampedKeyValueStore<String, EquipmentAssetSnapshot> assets;
    private long streamTime;

    UsageLedgerProcessor(AggregatorSettings settings, Clock clock) {
        this.settings = settings;
        this.windows = settings.windows();
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, LedgerOutput> context) {
        this.context = context;
        this.usage = context.getStateStore(UsageTopology.USAGE_STORE);
        this.posted = context.getStateStore(UsageTopology.POSTED_STORE);
        this.reservations = context.getStateStore(UsageTopology.RESERVATION_STORE);
        this.deadlines = context.getStateStore(UsageTopology.DEADLINE_STORE);
        this.streamTimes = context.getStateStore(UsageTopology.STREAM_TIME_STORE);
        this.assets = context.getStateStore(UsageTopology.RATES_STORE);
        Long stored = streamTimes.get(STREAM_TIME_KEY);
        this.streamTime = stored == null ? NO_TIME : stored;
    }

    @Override
    public void process(Record<String, LedgerInput> record) {
        String assetId = record.key();
        if (assetId == null) {
            return;
        }
        if (record.value() instanceof LedgerInput.Usage change) {
            if (record.timestamp() > streamTime) {
                streamTime = record.timestamp();
                streamTimes.put(STREAM_TIME_KEY, streamTime);
            }
            revise(record, assetId, change.revision());
        } else if (record.value() instanceof LedgerInput.Reservation reservation) {
            book(record, assetId, reservation.change());
        }
        postDueWindows(record);
    }

    private void revise(Record<String, LedgerInput> record, String assetId, UsageRevision revision) {
        if (revision.from() >= revision.to()) {
            return;
        }
        long size = windows.sizeMillis();
        List<UsageDelta> pieces = revision.usage().stream()
                .flatMap(delta -> WindowSplitter.split(delta, size).stream())
                .filter(UsageDelta::hasUsage)
                .toList();
        for (long start = WindowSplitter.windowStart(revision.from(), size); start < revision.to(); start += size) {
            long windowStart = start;
            long windowEnd = start + size;
            List<UsageDelta> inWindow = pieces.stream()
                    .filter(piece -> piece.from() >= windowStart && piece.from() < windowEnd).toList();
            String key = WindowKeys.window(assetId, windowStart);
            WindowUsage existing = usage.get(key);
            if (existing == null && inWindow.isEmpty()) {
                continue;
            }
            if (streamTime >= windows.expiresAt(windowStart)) {
                if (!inWindow.isEmpty()) {
                    context.forward(record.withKey(assetId).withValue(beyondRetention(assetId, windowStart,
                            inWindow)));
                }
                continue;
            }
            WindowUsage revised = (existing == null ? WindowUsage.EMPTY : existing)
                    .revised(Math.max(revision.from(), windowStart), Math.min(revision.to(), windowEnd), inWindow);
            if (existing != null && revised.slices().equals(existing.slices())) {
                continue;
            }
            if (existing == null) {
                deadlines.put(WindowKeys.deadline(windows.expiresAt(windowStart), Deadline.EXPIRE, key), key);
            }
            usage.put(key, revised.dueAt() == null ? schedule(key, windowEnd, revised) : revised);
        }
    }

    /**
     * An open window is due at its end plus grace; a window past that (closed, or first reached by late usage) one
     * grace period from now, to gather what else arrives late with it.
     */
    private WindowUsage schedule(String key, long windowEnd, WindowUsage window) {
        long onTime = windowEnd + windows.graceMillis();
        long due = onTime > streamTime ? onTime : streamTime + windows.graceMillis();
        deadlines.put(WindowKeys.deadline(due, Deadline.CLOSE, key), key);
        return window.due(due);
    }

    private void book(Record<String, LedgerInput> record, String assetId, ReservationChanged change) {
        if (!change.getReservedTo().isAfter(change.getReservedFrom())) {
            context.forward(record.withKey(assetId).withValue(new Finding("INCONSISTENT_DATES",
                    "reservation %s of asset %s ends (%s) before it starts (%s); not used for attribution"
                            .formatted(change.getReservationId(), assetId, change.getReservedTo(),
                                    change.getReservedFrom()),
                    settings.topics().reservations(), change.toString())));
            return;
        }
        BookedReservation incoming = new BookedReservation(change.getReservationId(), change.getProjectId(),
                change.getTaskId(), change.getCostCodeId(), change.getReservedFrom().toEpochMilli(),
                change.getReservedTo().toEpochMilli(), change.getStatus().name(),
                change.getMetadata().getOccurredAt().toEpochMilli());
        ReservationBook book = Optional.ofNullable(reservations.get(assetId)).orElse(ReservationBook.EMPTY);
        Optional<BookedReservation> previous = book.find(incoming.reservationId());
        if (previous.isPresent() && previous.get().changedAt() > incoming.changedAt()) {
            LOG.infof("Reservation %s of asset %s: ignored a change from %s, older than the one applied (%s)",
                    incoming.reservationId(), assetId, Instant.ofEpochMilli(incoming.changedAt()),
                    Instant.ofEpochMilli(previous.get().changedAt()));
            return;
        }
        ReservationBook updated = book.with(incoming);
        if (streamTime != NO_TIME) {
            // Reservations that ended before the oldest window still open to corrections can attribute nothing more.
            updated = updated.endingAfter(windows.oldestCorrectableStart(streamTime));
        }
        reservations.put(assetId, updated);
        if (previous.isPresent() && previous.get().attributesLike(incoming)) {
            return;
        }
        previous.filter(BookedReservation::attributes).ifPresent(before -> reopen(assetId, before.from(), before.to()));
        if (incoming.attributes()) {
            reopen(assetId, incoming.from(), incoming.to());
        }
    }

    /** Schedules the recomputation of the asset's posted windows overlapping {@code from}–{@code to}. */
    private void reopen(String assetId, long from, long to) {
        long size = windows.sizeMillis();
        List<KeyValue<String, WindowUsage>> affected = new ArrayList<>();
        try (KeyValueIterator<String, WindowUsage> range = usage.range(
                WindowKeys.window(assetId, WindowSplitter.windowStart(from, size)),
                WindowKeys.window(assetId, WindowSplitter.windowStart(to - 1, size)))) {
            range.forEachRemaining(entry -> {
                if (entry.value.closed() && entry.value.dueAt() == null) {
                    affected.add(entry);
                }
            });
        }
        affected.forEach(entry -> usage.put(entry.key,
                schedule(entry.key, WindowKeys.windowStart(entry.key) + size, entry.value)));
    }

    private void postDueWindows(Record<String, LedgerInput> record) {
        if (streamTime == NO_TIME) {
            return;
        }
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> range = deadlines.range(WindowKeys.firstDeadline(),
                WindowKeys.deadlinesUntil(streamTime))) {
            range.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> deadline : due) {
            deadlines.delete(deadline.key);
            String key = deadline.value;
            WindowUsage window = usage.get(key);
            if (window == null) {
                continue;
            }
            Deadline kind = WindowKeys.kind(deadline.key);
            // A window expiring with a recomputation still pending gets it now, or its late usage would be lost.
            if (window.dueAt() != null && (window.dueAt() <= streamTime || kind == Deadline.EXPIRE)) {
                post(record, key, window);
            }
            if (kind == Deadline.EXPIRE) {
                usage.delete(key);
                posted.delete(key);
            }
        }
    }

    private void post(Record<String, LedgerInput> record, String key, WindowUsage window) {
        String assetId = WindowKeys.assetId(key);
        long start = WindowKeys.windowStart(key);
        Instant windowStart = Instant.ofEpochMilli(start);
        Instant windowEnd = Instant.ofEpochMilli(start + windows.sizeMillis());
        ReservationBook book = Optional.ofNullable(reservations.get(assetId)).orElse(ReservationBook.EMPTY);
        EquipmentAssetSnapshot asset = ValueAndTimestamp.getValueOrNull(assets.get(assetId));
        RateCard rates = RateCard.of(asset, assetId, settings.pricing());
        WindowPricing.Result priced = WindowPricing.price(window.slices(), book, rates, settings.pricing());
        LineCorrections.Outcome outcome = LineCorrections.reconcile(
                Optional.ofNullable(posted.get(key)).orElse(PostedWindow.NONE), priced.lines(), assetId, windowStart,
                windowEnd);
        Instant now = clock.instant();
        for (PostedLine line : outcome.publish()) {
            String postingKey = line.key().projectId() != null ? line.key().projectId() : assetId;
            context.forward(record.withKey(postingKey).withValue(new LedgerOutput.Posting(
                    CostPostings.toPosting(line, assetId, windowStart, windowEnd, now))));
            if (line.unallocatedReason() != null) {
                context.forward(record.withKey(assetId).withValue(new LedgerOutput.Unallocated(
                        UnallocatedUsageEvents.of(line, assetId, windowStart, windowEnd, now))));
            }
        }
        if (!priced.unpriced().isEmpty()) {
            long at = priced.unpriced().get(0).from();
            context.forward(record.withKey(assetId).withValue(new Finding("MISSING_RATE",
                    "%.4f operating hours of asset %s in window %s–%s are not charged: %s".formatted(
                            priced.unpriced().stream().mapToDouble(UsageDelta::operatingHours).sum(), assetId,
                            windowStart, windowEnd, rates.whyUnpriced(at)),
                    settings.topics().equipmentAssets(), usageJson(assetId, start, priced.unpriced()))));
        }
        if (!outcome.posted().lines().isEmpty()) {
            posted.put(key, outcome.posted());
        }
        usage.put(key, window.posted());
    }

    private Finding beyondRetention(String assetId, long windowStart, List<UsageDelta> pieces) {
        UsageDelta first = pieces.get(0);
        UsageDelta last = pieces.get(pieces.size() - 1);
        return new Finding("USAGE_AFTER_WINDOW_CLOSED",
                "%.4f operating hours of asset %s between %s and %s belong to window %s–%s, which could be corrected until stream time %s (grace %s, correction retention %s); not charged"
                        .formatted(pieces.stream().mapToDouble(UsageDelta::operatingHours).sum(), assetId,
                                Instant.ofEpochMilli(first.from()), Instant.ofEpochMilli(last.to()),
                                Instant.ofEpochMilli(windowStart),
                                Instant.ofEpochMilli(windowStart + windows.sizeMillis()),
                                Instant.ofEpochMilli(windows.expiresAt(windowStart)), windows.grace(),
                                windows.correctionRetention()),
                settings.topics().telemetry(), usageJson(assetId, windowStart, pieces));
    }

    /** The usage a finding is about, for the person reviewing it. */
    private record UsageReport(String assetId, String windowStart, String windowSize, List<UsageDelta> usage) {
    }

    private String usageJson(String assetId, long windowStart, List<UsageDelta> pieces) {
        try {
            return JSON.writeValueAsString(new UsageReport(assetId, Instant.ofEpochMilli(windowStart).toString(),
                    windows.size().toString(), pieces));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage of asset " + assetId + " cannot be written as JSON", e);
        }
    }
}
