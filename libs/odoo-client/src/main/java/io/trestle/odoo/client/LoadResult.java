package io.trestle.odoo.client;

import java.util.List;

/**
 * What {@code load} answered.
 *
 * @param ids
 *            the ids of the rows in order; empty when Odoo answered {@code ids: false}, which means it rejected the
 *            call and wrote nothing
 * @param messages
 *            Odoo's messages, per row when it could tell the row
 */
public record LoadResult(List<Long> ids, List<LoadMessage> messages) {

    public LoadResult {
        ids = List.copyOf(ids);
        messages = List.copyOf(messages);
    }

    /** Odoo wrote the rows: it reported no error (it answers {@code ids: false} exactly when it reports one). */
    public boolean ok() {
        return messages.stream().noneMatch(LoadMessage::isError);
    }

    /** The error messages about row {@code row}. */
    public List<LoadMessage> errorsOfRow(int row) {
        return messages.stream().filter(m -> m.isError() && m.row() != null && m.row() == row).toList();
    }
}
