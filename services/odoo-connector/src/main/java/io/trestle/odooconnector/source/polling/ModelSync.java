package io.trestle.odooconnector.source.polling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.trestle.odoo.client.OdooValues;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;

/**
 * Polls one model on its {@code write_date, id} cursor and reconciles its ids with Odoo's. Everything read is handed
 * over page by page; the positions move only after the handler returned, so a crash re-reads at most a page.
 *
 * <p>
 * Odoo keeps {@code write_date} to the microsecond but its API reads and compares it to the second: a domain
 * {@code write_date > '10:00:00'} still matches a record written at 10:00:00.4, and one {@code = '10:00:00'} matches
 * nothing. The cursor therefore moves by whole seconds ({@code >=} and {@code <} the next second), and within a second
 * by id. Since Odoo orders by the microseconds, a page that ends inside a second is only taken up to the seconds
 * before; a second holding more records than a page is read on its own by id. Each cycle reads the cursor's own second
 * again, because a write later in that second may have a lower id; {@link Seen} fingerprints keep unchanged records
 * from being handed over twice.
 *
 * <p>
 * Reconciliation lists every id with its {@code write_date}: ids handed over but gone from Odoo are deletions, and
 * records behind the cursor that were never handed over as they are now are changes the cursor missed (Odoo stamps
 * {@code write_date} when a transaction starts, so one committing late can land behind the cursor).
 */
final class ModelSync {

    private static final Logger LOG = Logger.getLogger(ModelSync.class);

    private static final String BY_WRITE_DATE = "write_date asc, id asc";
    private static final String BY_ID = "id asc";
    /** Models with fewer known records are not guarded: deleting most of a handful is ordinary. */
    static final int GUARDED_FROM = 20;
    /** Below every write_date the ORM sets; it keeps out rows written around the ORM, which have none to poll on. */
    private static final String BEFORE_EVERYTHING = "1970-01-01 00:00:00";

    private final RecordReader reader;
    private final ModelState state;
    private final KafkaPositions positions;
    private final ChangeHandler handler;
    private final int pageSize;
    private final double maxDeletionShare;

    ModelSync(RecordReader reader, ModelState state, KafkaPositions positions, ChangeHandler handler, int pageSize,
            double maxDeletionShare) {
        this.reader = reader;
        this.state = state;
        this.positions = positions;
        this.handler = handler;
        this.pageSize = pageSize;
        this.maxDeletionShare = maxDeletionShare;
    }

    /** Hands over everything written since the cursor, then returns. */
    void poll() {
        Cursor start = state.cursor();
        Instant second = start == null ? null : start.writeDate();
        boolean readSecond = second != null;
        while (true) {
            if (readSecond) {
                pollSecond(second);
            }
            List<OdooRecord> page = reader.records(after(second), BY_WRITE_DATE, pageSize);
            if (page.size() < pageSize) {
                handOver(page, true);
                return;
            }
            Instant last = page.get(page.size() - 1).writeDate();
            List<OdooRecord> complete = page.stream().takeWhile(record -> record.writeDate().isBefore(last))
                    .toList();
            if (complete.isEmpty()) {
                second = last;
                readSecond = true;
            } else {
                handOver(complete, true);
                second = complete.get(complete.size() - 1).writeDate();
                readSecond = false;
            }
        }
    }

    /** Hands over what the cursor missed and the deletions of records handed over before. */
    void reconcile() {
        Map<Long, Instant> existing = existing();
        Cursor cursor = state.cursor();
        List<Long> missed = existing.entrySet().stream()
                .filter(entry -> behind(entry.getValue(), cursor) && !sameWriteDate(entry.getKey(), entry.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        for (List<Long> ids : pages(missed)) {
            handOver(reader.records(List.of(List.of("id", "in", ids)), BY_ID, ids.size()), false);
        }
        List<Long> deleted = state.knownIds().stream().filter(id -> !existing.containsKey(id)).sorted().toList();
        int known = state.knownIds().size();
        if (known >= GUARDED_FROM && deleted.size() > maxDeletionShare * known) {
            throw new IllegalStateException("Reconciling " + reader.model().model() + " would delete " + deleted.size()
                    + " of " + known + " known records; refused, nothing was deleted. Check that the API user still "
                    + "sees every record (access rights, record rules, companies); if the deletions are real, raise "
                    + "trestle.odoo-connector.polling.max-deletion-share");
        }
        for (List<Long> ids : pages(deleted)) {
            handler.handle(ids.stream().map(id -> OdooRecord.deletion(reader.model(), id)).toList());
            positions.save(reader.model(), Map.of(), ids, null);
            state.deleted(ids);
        }
        if (!missed.isEmpty() || !deleted.isEmpty()) {
            LOG.infof("Reconciled %s: %d record(s) behind the cursor, %d deletion(s)", reader.model().model(),
                    missed.size(), deleted.size());
        }
    }

    /** The records of one second, by id: the order Odoo gives by write_date is finer than the second. */
    private void pollSecond(Instant second) {
        long afterId = 0;
        while (true) {
            List<OdooRecord> page = reader.records(
                    List.of(List.of("write_date", ">=", OdooValues.datetime(second)),
                            List.of("write_date", "<", OdooValues.datetime(second.plusSeconds(1))),
                            List.of("id", ">", afterId)),
                    BY_ID, pageSize);
            handOver(page, true);
            if (page.size() < pageSize) {
                return;
            }
            afterId = page.get(page.size() - 1).id();
        }
    }

    private static List<List<Object>> after(Instant second) {
        String from = second == null ? BEFORE_EVERYTHING : OdooValues.datetime(second.plusSeconds(1));
        return List.of(List.of("write_date", ">=", from));
    }

    /**
     * Hands over the records whose values differ from what was last handed over, then stores them and, when
     * {@code moveCursor}, the cursor moved past all of {@code records}.
     */
    private void handOver(List<OdooRecord> records, boolean moveCursor) {
        OdooModel model = reader.model();
        Cursor cursor = state.cursor();
        List<OdooRecord> changed = new ArrayList<>();
        Map<Long, Seen> seen = new LinkedHashMap<>();
        for (OdooRecord record : records) {
            Seen now = Seen.of(record);
            if (!now.equals(state.seen(record.id()))) {
                changed.add(record);
                seen.put(record.id(), now);
            }
            if (moveCursor) {
                cursor = cursor == null
                        ? new Cursor(record.writeDate(), record.id())
                        : cursor.advancedTo(record.writeDate(), record.id());
            }
        }
        Cursor movedTo = Objects.equals(cursor, state.cursor()) ? null : cursor;
        if (changed.isEmpty() && movedTo == null) {
            return;
        }
        if (!changed.isEmpty()) {
            handler.handle(changed);
        }
        positions.save(model, seen, List.of(), movedTo);
        state.handedOver(seen, movedTo);
    }

    /**
     * Every id of the model, archived records included, with its write_date; paged by id, which deletes cannot shift.
     */
    private Map<Long, Instant> existing() {
        Map<Long, Instant> existing = new HashMap<>();
        long afterId = 0;
        while (true) {
            List<RecordReader.Stamp> page = reader.stamps(afterId, pageSize);
            page.forEach(stamp -> existing.put(stamp.id(), stamp.writeDate()));
            if (page.size() < pageSize) {
                return existing;
            }
            afterId = page.get(page.size() - 1).id();
        }
    }

    /** Written in a second the cursor has passed; its own second is read again by every poll. */
    private static boolean behind(Instant writeDate, Cursor cursor) {
        return cursor != null && writeDate != null && writeDate.isBefore(cursor.writeDate());
    }

    private boolean sameWriteDate(long id, Instant writeDate) {
        Seen seen = state.seen(id);
        return seen != null && seen.writeDate().equals(writeDate);
    }

    private List<List<Long>> pages(List<Long> ids) {
        List<List<Long>> pages = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += pageSize) {
            pages.add(ids.subList(from, Math.min(ids.size(), from + pageSize)));
        }
        return pages;
    }
}
