package io.trestle.odoo.standin.orm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.Registry;

/**
 * All tables of the in-memory database. One lock serialises calls, so each call sees and leaves a consistent state, and
 * a failed call is rolled back.
 */
public final class Database {

    private final Registry registry;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public Database(Registry registry) {
        this.registry = registry;
        createTables();
    }

    private void createTables() {
        tables.clear();
        sequences.clear();
        for (Model model : registry.all()) {
            tables.put(model.name(), new Table(model));
        }
    }

    /** Empties every table and restarts every sequence, as a newly created database. */
    public void reset() {
        lock.lock();
        try {
            createTables();
        } finally {
            lock.unlock();
        }
    }

    public Registry registry() {
        return registry;
    }

    public Table table(String model) {
        Table table = tables.get(model);
        if (table == null) {
            throw new IllegalArgumentException("No table for model " + model);
        }
        return table;
    }

    /** Runs one call atomically: on an exception every change it made is undone. */
    public <T> T inTransaction(Function<Transaction, T> work) {
        lock.lock();
        try {
            Transaction tx = new Transaction();
            try {
                return work.apply(tx);
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads under the lock, for inspection from outside a call. */
    public <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** The next number of a named {@code ir.sequence} (purchase order references). Not rolled back either. */
    int nextSequenceNumber(String code) {
        return sequences.merge(code, 1, Integer::sum);
    }
}
