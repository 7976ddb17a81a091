package io.trestle.odooconnector.source.cdc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;

/** Keeps every list a source hands over, one entry per call. */
final class RecordingHandler implements ChangeHandler {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<List<OdooRecord>> calls = new ArrayList<>();

    @Override
    public synchronized void handle(List<OdooRecord> records) {
        calls.add(List.copyOf(records));
    }

    synchronized List<List<OdooRecord>> calls() {
        return List.copyOf(calls);
    }

    /** Waits until some call handed over a record of the model with the id that matches, and returns that call. */
    List<OdooRecord> awaitCallWith(OdooModel model, long id, Predicate<OdooRecord> matching) {
        return await().atMost(PATIENCE).until(() -> calls().stream()
                .filter(call -> call.stream()
                        .anyMatch(record -> record.model() == model && record.id() == id && matching.test(record)))
                .findFirst().orElse(null), call -> call != null);
    }

    /** Every record handed over so far, in order. */
    List<OdooRecord> records() {
        return calls().stream().flatMap(List::stream).toList();
    }

    /** Waits until this many records were handed over, in however many calls, and returns them all. */
    List<OdooRecord> awaitRecords(int count) {
        return await().atMost(PATIENCE).until(this::records, handed -> handed.size() >= count);
    }

    /** Waits until this many calls were made and returns them all. */
    List<List<OdooRecord>> awaitCalls(int count) {
        return await().atMost(PATIENCE).until(this::calls, made -> made.size() >= count);
    }
}
