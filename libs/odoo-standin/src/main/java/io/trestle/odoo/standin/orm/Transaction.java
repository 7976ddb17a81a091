package io.trestle.odoo.standin.orm;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of one call. Every change to a table registers how to revert it, so a failed call leaves the database as
 * it found it, as Odoo's transaction per call does. Id sequences are not reverted, as PostgreSQL's are not.
 */
public final class Transaction {

    private final Deque<Runnable> undo = new ArrayDeque<>();

    void onRollback(Runnable revert) {
        undo.push(revert);
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    /** A point to return to: {@code load} keeps going after a failed row, as Odoo does with a savepoint. */
    int savepoint() {
        return undo.size();
    }

    void rollbackTo(int savepoint) {
        while (undo.size() > savepoint) {
            undo.pop().run();
        }
    }
}
