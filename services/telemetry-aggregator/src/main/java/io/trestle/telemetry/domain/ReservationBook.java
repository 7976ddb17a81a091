package io.trestle.telemetry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The reservations of one asset.
 *
 * <p>
 * When reservations of one asset overlap, the usage goes to the one that started last (then the one changed last, then
 * the greatest reservation id): a short booking inside a long-term allocation, the typical overlap on a site, takes the
 * machine for its duration and hands it back afterwards. The rule depends only on the reservations, never on arrival
 * order, so reprocessing attributes the same way. Reporting the overlap itself is the operations-processor's job.
 */
public record ReservationBook(List<BookedReservation> reservations) {

    public static final ReservationBook EMPTY = new ReservationBook(List.of());

    private static final Comparator<BookedReservation> PRECEDENCE = Comparator
            .comparingLong(BookedReservation::from)
            .thenComparingLong(BookedReservation::changedAt)
            .thenComparing(BookedReservation::reservationId);

    public ReservationBook {
        reservations = List.copyOf(reservations);
    }

    public Optional<BookedReservation> find(String reservationId) {
        return reservations.stream().filter(r -> r.reservationId().equals(reservationId)).findFirst();
    }

    public ReservationBook with(BookedReservation reservation) {
        List<BookedReservation> updated = new ArrayList<>(reservations);
        updated.removeIf(r -> r.reservationId().equals(reservation.reservationId()));
        updated.add(reservation);
        updated.sort(PRECEDENCE);
        return new ReservationBook(updated);
    }

    /** Without the reservations that ended by {@code cutoff}: no window they could attribute is kept any more. */
    public ReservationBook endingAfter(long cutoff) {
        return new ReservationBook(reservations.stream().filter(r -> r.to() > cutoff).toList());
    }

    /** The reservation usage at {@code time} is attributed to, if any. */
    public Optional<BookedReservation> attributing(long time) {
        return reservations.stream().filter(r -> r.attributes() && r.covers(time)).max(PRECEDENCE);
    }

    /** The times strictly between {@code from} and {@code to} at which {@link #attributing} may change. */
    public TreeSet<Long> boundaries(long from, long to) {
        TreeSet<Long> times = new TreeSet<>();
        reservations.stream().filter(BookedReservation::attributes).forEach(r -> {
            times.add(r.from());
            times.add(r.to());
        });
        return new TreeSet<>(times.subSet(from, false, to, false));
    }
}
