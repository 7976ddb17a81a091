package io.trestle.bench.fleet;

import java.time.Instant;

/**
 * A reading as it reaches Trestle: when, in the simulated timeline, the platform hands it over.
 *
 * @param deliverAt
 *            simulated time of the hand-over; the reading time for a reading on time
 */
public record Delivery(Reading reading, Kind kind, Instant deliverAt) {

    public enum Kind {
        /** Handed over when it was taken. */
        ON_TIME,
        /** Handed over after the machine's next reading. */
        LATE,
        /** A second hand-over of a reading already delivered, same id and values. */
        DUPLICATE
    }
}
