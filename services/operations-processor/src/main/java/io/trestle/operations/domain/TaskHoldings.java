package io.trestle.operations.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything the processor keeps about one task: whether it was cancelled, the reservations that hold equipment for it,
 * and the conflicts last published OPEN about it.
 */
public record TaskHoldings(CancelledTask cancelled, Map<String, TaskBooking> bookings,
        Map<String, Conflict> openConflicts) {

    public static final TaskHoldings EMPTY = new TaskHoldings(null, Map.of(), Map.of());

    public TaskHoldings {
        bookings = Map.copyOf(bookings);
        openConflicts = Map.copyOf(openConflicts);
    }

    /** Only reservations holding equipment are kept: the others can neither raise nor keep a conflict. */
    public TaskHoldings with(TaskBooking booking) {
        Map<String, TaskBooking> updated = new HashMap<>(bookings);
        if (booking.holdsAsset()) {
            updated.put(booking.reservationId(), booking);
        } else {
            updated.remove(booking.reservationId());
        }
        return new TaskHoldings(cancelled, updated, openConflicts);
    }

    public TaskHoldings with(CancelledTask cancellation) {
        return new TaskHoldings(cancellation, bookings, openConflicts);
    }

    public TaskHoldings published(Map<String, Conflict> conflicts) {
        return new TaskHoldings(cancelled, bookings, conflicts);
    }

    /** Nothing worth keeping: a task neither cancelled nor holding equipment. Not a getter, so not serialized. */
    public boolean worthNothing() {
        return cancelled == null && bookings.isEmpty() && openConflicts.isEmpty();
    }
}
