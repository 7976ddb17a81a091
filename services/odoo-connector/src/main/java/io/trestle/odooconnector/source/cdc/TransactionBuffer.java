package io.trestle.odooconnector.source.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.cdc.RowMapper.Row;

/**
 * Receives Debezium's events and hands the {@link ChangeHandler} one list per database transaction, holding the final
 * state of each record the transaction wrote. Odoo writes a record several times in one transaction (it INSERTs, then
 * UPDATEs as it flushes computed fields), so rows are buffered from the transaction's BEGIN to its END, and an event
 * may open a transaction in one engine batch and close it in a later one.
 *
 * <p>
 * The position of an event is marked processed, and committed, only after the handler returned for its transaction.
 * Events between transactions (snapshot rows, heartbeats) form units of their own, one per engine batch; a restart in
 * the middle of the initial snapshot takes the snapshot again, which hands over the same states again.
 */
final class TransactionBuffer implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final String STATUS = "status";
    private static final String BEGIN = "BEGIN";

    private record Key(OdooModel model, long id) {
    }

    private final Map<String, OdooModel> modelsByTopic;
    private final String transactionTopic;
    private final RowMapper mapper;
    private final LookupQueries lookups;
    private final ChangeHandler handler;
    private final Consumer<Instant> transactionHandedOver;

    /* Held while a batch is processed, so close() can wait for a hand-over and its commit to finish. */
    private final ReentrantLock processing = new ReentrantLock();
    private volatile boolean stopped;

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private final List<RecordChangeEvent<SourceRecord>> positions = new ArrayList<>();
    private boolean inTransaction;
    private Instant committedAt;

    /**
     * @param transactionHandedOver
     *            told the commit time (in the database) of each transaction once it is handed over and committed
     */
    TransactionBuffer(Map<String, OdooModel> modelsByTopic, String transactionTopic, RowMapper mapper,
            LookupQueries lookups, ChangeHandler handler, Consumer<Instant> transactionHandedOver) {
        this.modelsByTopic = modelsByTopic;
        this.transactionTopic = transactionTopic;
        this.mapper = mapper;
        this.lookups = lookups;
        this.handler = handler;
        this.transactionHandedOver = transactionHandedOver;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        processing.lockInterruptibly();
        try {
            if (stopped) {
                return;
            }
            for (RecordChangeEvent<SourceRecord> event : events) {
                accept(event, committer);
            }
            if (!inTransaction) {
                handOver(committer);
            }
        } finally {
            processing.unlock();
        }
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return false;
    }

    /**
     * Lets a hand-over in progress finish with its commit, then ignores whatever the engine delivers until it stops:
     * those events are delivered again after a restart.
     *
     * @return false when the hand-over in progress did not finish within the timeout
     */
    boolean stop(Duration timeout) throws InterruptedException {
        boolean idle = processing.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        stopped = true;
        if (idle) {
            processing.unlock();
        }
        return idle;
    }

    private void accept(RecordChangeEvent<SourceRecord> event,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        SourceRecord record = event.record();
        if (transactionTopic.equals(record.topic())) {
            if (BEGIN.equals(((Struct) record.value()).getString(STATUS))) {
                handOver(committer);
                positions.add(event);
                inTransaction = true;
            } else {
                positions.add(event);
                handOver(committer);
                inTransaction = false;
            }
            return;
        }
        positions.add(event);
        OdooModel model = modelsByTopic.get(record.topic());
        if (model == null) {
            // A heartbeat or the logical decoding message it writes: nothing to hand over, only a position.
            return;
        }
        Struct envelope = (Struct) record.value();
        Row row = mapper.map(model, envelope);
        // The last write wins; a record keeps the place of its first write, so a parent created first stays first.
        rows.put(new Key(model, row.record().id()), row);
        if (inTransaction) {
            Instant at = Instant.ofEpochMilli(envelope.getStruct(Envelope.FieldName.SOURCE).getInt64("ts_ms"));
            committedAt = committedAt == null || at.isAfter(committedAt) ? at : committedAt;
        }
    }

    private void handOver(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (!rows.isEmpty()) {
            handler.handle(lookups.complete(rows.values()));
        }
        if (!positions.isEmpty()) {
            for (RecordChangeEvent<SourceRecord> position : positions) {
                committer.markProcessed(position);
            }
            // The engine commits on every call (OffsetCommitPolicy.always()): a restart resumes after this unit.
            committer.markBatchFinished();
        }
        if (committedAt != null) {
            transactionHandedOver.accept(committedAt);
        }
        rows.clear();
        positions.clear();
        committedAt = null;
    }
}
