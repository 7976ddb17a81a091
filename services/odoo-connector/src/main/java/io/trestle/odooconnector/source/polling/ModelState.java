package io.trestle.odooconnector.source.polling;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What polling knows of one model: its cursor and what was handed over per record, as last stored on the positions
 * topic. Written by the polling thread only, after the positions were stored; read by status reports.
 */
final class ModelState {

    private final Map<Long, Seen> seen;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong deletions = new AtomicLong();
    private volatile Cursor cursor;

    ModelState(KafkaPositions.Stored stored) {
        this.cursor = stored.cursor();
        this.seen = new ConcurrentHashMap<>(stored.seen());
    }

    /** Null before the first record was handed over. */
    Cursor cursor() {
        return cursor;
    }

    /** What was last handed over for the record; null when it never was or its deletion was. */
    Seen seen(long id) {
        return seen.get(id);
    }

    Set<Long> knownIds() {
        return Set.copyOf(seen.keySet());
    }

    void handedOver(Map<Long, Seen> records, Cursor movedTo) {
        seen.putAll(records);
        published.addAndGet(records.size());
        if (movedTo != null) {
            cursor = movedTo;
        }
    }

    void deleted(Collection<Long> ids) {
        ids.forEach(seen::remove);
        published.addAndGet(ids.size());
        deletions.addAndGet(ids.size());
    }

    PollingStatus.ModelStatus status() {
        return new PollingStatus.ModelStatus(cursor, published.get(), deletions.get(), seen.size());
    }
}
