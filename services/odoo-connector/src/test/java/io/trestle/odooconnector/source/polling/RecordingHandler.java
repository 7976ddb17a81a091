package io.trestle.odooconnector.source.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;

/** Keeps every record handed over, in order; can refuse the first pages as a broker outage would. */
final class RecordingHandler implements ChangeHandler {

    private final List<OdooRecord> handled = new ArrayList<>();
    private final AtomicInteger refusals;

    RecordingHandler() {
        this(0);
    }

    /** Throws for the first {@code refusals} pages, keeping nothing of them. */
    RecordingHandler(int refusals) {
        this.refusals = new AtomicInteger(refusals);
    }

    @Override
    public synchronized void handle(List<OdooRecord> records) {
        if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("the broker did not acknowledge the page");
        }
        handled.addAll(records);
    }

    synchronized List<OdooRecord> all() {
        return List.copyOf(handled);
    }

    synchronized List<OdooRecord> since(int index) {
        return List.copyOf(handled.subList(index, handled.size()));
    }

    synchronized int count() {
        return handled.size();
    }

    synchronized List<OdooRecord> of(OdooModel model) {
        return handled.stream().filter(record -> record.model() == model).toList();
    }

    /** The last record handed over for the id. */
    synchronized Optional<OdooRecord> latest(OdooModel model, long id) {
        OdooRecord latest = null;
        for (OdooRecord record : handled) {
            if (record.model() == model && record.id() == id) {
                latest = record;
            }
        }
        return Optional.ofNullable(latest);
    }
}
