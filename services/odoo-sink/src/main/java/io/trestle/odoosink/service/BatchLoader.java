package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.trestle.odoo.client.LoadMessage;
import io.trestle.odoo.client.LoadResult;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoo.client.OdooMissingRecordException;
import io.trestle.odoo.client.OdooValidationException;

/**
 * Loads rows into one Odoo model in as few calls as possible, and isolates the rows Odoo refuses.
 *
 * <p>
 * Odoo rolls a whole {@code load} back when one row is bad. When its answer names the bad rows, those are set aside and
 * the rest is loaded again; when it raises an error for the call as a whole, the batch is split in halves until the bad
 * row stands alone. Either way the good neighbours of a bad row get written. Failures that are not about the data (Odoo
 * unavailable, credentials or access rights wrong) are not the rows' fault and propagate to the caller, which pauses
 * and retries or stops.
 *
 * @param <C>
 *            what the caller loads a row for; handed back with the row's fate
 */
final class BatchLoader<C> {

    /** The fate of one row. */
    sealed interface Loaded<C> {

        C candidate();
    }

    record Written<C>(C candidate, long odooId) implements Loaded<C> {
    }

    /**
     * @param errorName
     *            Odoo's error name, or {@code load} when Odoo answered with load messages
     */
    record Refused<C>(C candidate, String errorName, String message) implements Loaded<C> {
    }

    private final OdooClient odoo;
    private final String model;
    private final List<String> fields;
    private final Function<C, List<String>> values;

    BatchLoader(OdooClient odoo, String model, List<String> fields, Function<C, List<String>> values) {
        this.odoo = odoo;
        this.model = model;
        this.fields = fields;
        this.values = values;
    }

    /** One fate per candidate; throws the {@link OdooException}s that are not about the data. */
    List<Loaded<C>> load(List<C> candidates) {
        List<Loaded<C>> fates = new ArrayList<>();
        load(candidates, fates);
        return fates;
    }

    private void load(List<C> candidates, List<Loaded<C>> fates) {
        if (candidates.isEmpty()) {
            return;
        }
        LoadResult result;
        try {
            result = odoo.load(model, fields, candidates.stream().map(values).toList());
        } catch (OdooValidationException | OdooMissingRecordException refusedCall) {
            bisect(candidates, fates, refusedCall);
            return;
        }
        if (result.ok()) {
            for (int i = 0; i < candidates.size(); i++) {
                fates.add(new Written<>(candidates.get(i), result.ids().get(i)));
            }
            return;
        }
        Set<Integer> badRows = result.messages().stream()
                .filter(LoadMessage::isError)
                .map(LoadMessage::row)
                .filter(row -> row != null && row >= 0 && row < candidates.size())
                .collect(Collectors.toSet());
        if (badRows.isEmpty()) {
            bisect(candidates, fates, null);
            return;
        }
        List<C> rest = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (badRows.contains(i)) {
                String message = result.errorsOfRow(i).stream()
                        .map(m -> m.field() == null ? m.message() : m.field() + ": " + m.message())
                        .collect(Collectors.joining("; "));
                fates.add(new Refused<>(candidates.get(i), "load", message));
            } else {
                rest.add(candidates.get(i));
            }
        }
        load(rest, fates);
    }

    private void bisect(List<C> candidates, List<Loaded<C>> fates, OdooException refusedCall) {
        if (candidates.size() == 1) {
            String name = refusedCall == null ? "load" : refusedCall.odooErrorName();
            String message = refusedCall == null ? "Odoo refused the row without saying why" : refusedCall.getMessage();
            fates.add(new Refused<>(candidates.get(0), name, message));
            return;
        }
        int middle = candidates.size() / 2;
        load(candidates.subList(0, middle), fates);
        load(candidates.subList(middle, candidates.size()), fates);
    }
}
