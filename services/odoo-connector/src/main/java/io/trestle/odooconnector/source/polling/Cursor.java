package io.trestle.odooconnector.source.polling;

import java.time.Instant;
import java.util.Objects;

/**
 * How far polling of one model has got: every record whose {@code write_date} falls in an earlier second was handed
 * over as it was when read, and so were the records of {@code writeDate}'s own second up to {@code id}.
 *
 * <p>
 * Odoo's API reads {@code write_date} to the second while the database keeps microseconds, so a second is the finest
 * position a cursor can name; records of the same second are told apart by id.
 *
 * @param writeDate
 *            a whole second, UTC
 * @param id
 *            the highest id handed over within that second
 */
public record Cursor(Instant writeDate, long id) {

    public Cursor {
        Objects.requireNonNull(writeDate, "writeDate");
    }

    /** This cursor moved to a record handed over after it; within the same second the highest id is kept. */
    Cursor advancedTo(Instant recordWriteDate, long recordId) {
        if (recordWriteDate.isAfter(writeDate)) {
            return new Cursor(recordWriteDate, recordId);
        }
        return recordWriteDate.equals(writeDate) && recordId > id ? new Cursor(writeDate, recordId) : this;
    }
}
