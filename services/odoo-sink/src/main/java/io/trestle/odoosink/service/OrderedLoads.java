package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.trestle.odoo.client.OdooClient;

/**
 * Loads rows that name their own columns in as few calls as the order of the batch allows.
 *
 * <p>
 * A {@code load} takes one list of columns for all its rows, and an event writes only the fields it speaks for, so rows
 * are grouped by their columns. Grouping reorders them, which is harmless between rows of different records but not
 * between two rows of the same record: the later event must win. So the batch is first cut into waves, consecutive runs
 * in which no record occurs twice, and the waves are written one after the other. A batch that touches each record once
 * is one wave, and as many calls as it has column sets.
 */
final class OrderedLoads {

    private OrderedLoads() {
    }

    /** Consecutive parts of the batch, in order, in which no two rows have the same record. */
    static <C> List<List<C>> waves(List<C> batch, Function<C, ?> record) {
        List<List<C>> waves = new ArrayList<>();
        List<C> wave = new ArrayList<>();
        Set<Object> records = new HashSet<>();
        for (C row : batch) {
            if (!records.add(record.apply(row))) {
                waves.add(wave);
                wave = new ArrayList<>();
                records.clear();
                records.add(record.apply(row));
            }
            wave.add(row);
        }
        if (!wave.isEmpty()) {
            waves.add(wave);
        }
        return waves;
    }

    /**
     * Loads the rows of one wave, one {@link BatchLoader} per column set; one fate per row, grouped by column set.
     *
     * @param columns
     *            load column → cell of a row, in load order
     */
    static <C> List<BatchLoader.Loaded<C>> load(OdooClient odoo, String model, List<C> wave,
            Function<C, Map<String, String>> columns) {
        Map<List<String>, List<C>> byColumns = new LinkedHashMap<>();
        for (C row : wave) {
            byColumns.computeIfAbsent(List.copyOf(columns.apply(row).keySet()), fields -> new ArrayList<>()).add(row);
        }
        List<BatchLoader.Loaded<C>> fates = new ArrayList<>();
        byColumns.forEach((fields, rows) -> fates.addAll(new BatchLoader<C>(odoo, model, fields,
                row -> List.copyOf(columns.apply(row).values())).load(rows)));
        return fates;
    }
}
