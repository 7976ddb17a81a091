package io.trestle.odooconnector.source;

import java.util.List;

/**
 * Receives what a source read from Odoo. A source hands over the final state of each record once per unit it commits
 * atomically (a database transaction, a page of an API read) and considers the unit done only when this returns, so it
 * resumes after the last unit handled and never skips one.
 */
@FunctionalInterface
public interface ChangeHandler {

    /** Publishes the records; returns only when they are durably published, throws when they could not be. */
    void handle(List<OdooRecord> records);
}
