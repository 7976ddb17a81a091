package io.trestle.telemetry.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When the analysts' stores forget a UTC day: once a posted window ends the retention or more after the day's end. The
 * time is the postings' own (the latest posted window's end, which follows the ledger's stream time), not the wall
 * clock, so a replay purges the same days at the same records.
 *
 * <p>
 * One per processor, so per task: a task purges when its own postings move on. What it has purged up to is kept in
 * memory only; after a restart the first posting scans the day index up to its cut once, finding nothing older than
 * what was purged before.
 */
final class AnalyticsRetention {

    private final Duration retention;
    private LocalDate firstKept = LocalDate.MIN;

    AnalyticsRetention(Duration retention) {
        this.retention = retention;
    }

    /** The first day to keep now that a window ending at {@code windowEnd} is posted, when that moved on. */
    Optional<LocalDate> advance(Instant windowEnd) {
        LocalDate cut = LocalDate.ofInstant(windowEnd.minus(retention), ZoneOffset.UTC);
        if (!cut.isAfter(firstKept)) {
            return Optional.empty();
        }
        firstKept = cut;
        return Optional.of(cut);
    }

    /**
     * Deletes the entries of the days before {@code firstKept} from a store keyed by day first
     * ({@code <yyyy-MM-dd>|…}), one range from the start, and hands each deleted entry on, so the caller can delete
     * what it indexes.
     */
    static <V> void purge(KeyValueStore<String, V> byDay, LocalDate firstKept, Consumer<KeyValue<String, V>> purged) {
        List<KeyValue<String, V>> expired = new ArrayList<>();
        // ISO dates sort like the days, and every key of firstKept or later sorts at or after its prefix.
        String firstKeptPrefix = AnalyticsKeys.dayPrefix(firstKept);
        try (KeyValueIterator<String, V> range = byDay.range(null, firstKeptPrefix)) {
            range.forEachRemaining(entry -> {
                if (entry.key.compareTo(firstKeptPrefix) < 0) {
                    expired.add(entry);
                }
            });
        }
        for (KeyValue<String, V> entry : expired) {
            byDay.delete(entry.key);
            purged.accept(entry);
        }
    }
}
