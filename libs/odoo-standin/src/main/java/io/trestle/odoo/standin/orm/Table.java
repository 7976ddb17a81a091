package io.trestle.odoo.standin.orm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.trestle.odoo.standin.model.Model;

/**
 * The stored rows of one model, by id. Rows hold stored values only (see {@link ValueConverter} for their types); every
 * change goes through the transaction's undo log.
 */
public final class Table {

    private final Model model;
    private final TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>();
    private final Map<List<Object>, Integer> keyIndex = new HashMap<>();
    private int lastId;

    Table(Model model) {
        this.model = model;
    }

    public Model model() {
        return model;
    }

    /** Takes the next id from the sequence. Like a PostgreSQL sequence, a rolled back insert does not give it back. */
    int nextId() {
        return ++lastId;
    }

    /** For seeded rows whose ids are recorded: later ids continue after the highest one. */
    void reserveId(int id) {
        lastId = Math.max(lastId, id);
    }

    public boolean exists(int id) {
        return rows.containsKey(id);
    }

    /** A read-only view of the row, or {@code null}. */
    public Map<String, Object> row(int id) {
        Map<String, Object> row = rows.get(id);
        return row == null ? null : Collections.unmodifiableMap(row);
    }

    /** Read-only views of all rows, by ascending id. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> all = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows.values()) {
            all.add(Collections.unmodifiableMap(row));
        }
        return all;
    }

    public int size() {
        return rows.size();
    }

    public Optional<Integer> findByKey(List<Object> key) {
        return Optional.ofNullable(keyIndex.get(key));
    }

    void insert(Transaction tx, Map<String, Object> values) {
        int id = (Integer) values.get("id");
        if (rows.containsKey(id)) {
            throw new IllegalStateException(model.name() + " already has a row " + id);
        }
        Map<String, Object> row = new LinkedHashMap<>(values);
        rows.put(id, row);
        index(row);
        tx.onRollback(() -> {
            unindex(row);
            rows.remove(id);
        });
    }

    void update(Transaction tx, int id, String field, Object value) {
        Map<String, Object> row = rows.get(id);
        Object previous = row.get(field);
        boolean keyField = model.lookupKey().contains(field);
        if (keyField) {
            unindex(row);
        }
        row.put(field, value);
        if (keyField) {
            index(row);
        }
        tx.onRollback(() -> {
            if (keyField) {
                unindex(row);
            }
            row.put(field, previous);
            if (keyField) {
                index(row);
            }
        });
    }

    void delete(Transaction tx, int id) {
        Map<String, Object> row = rows.remove(id);
        if (row == null) {
            return;
        }
        unindex(row);
        tx.onRollback(() -> {
            rows.put(id, row);
            index(row);
        });
    }

    private void index(Map<String, Object> row) {
        if (!model.lookupKey().isEmpty()) {
            keyIndex.put(key(row), (Integer) row.get("id"));
        }
    }

    private void unindex(Map<String, Object> row) {
        if (!model.lookupKey().isEmpty()) {
            keyIndex.remove(key(row), row.get("id"));
        }
    }

    private List<Object> key(Map<String, Object> row) {
        List<Object> key = new ArrayList<>();
        for (String field : model.lookupKey()) {
            key.add(row.get(field));
        }
        return key;
    }
}
