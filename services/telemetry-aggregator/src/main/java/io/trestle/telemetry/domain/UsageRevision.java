package io.trestle.telemetry.domain;

import java.util.List;

/**
 * What one reading says about an asset's usage: between {@code from} and {@code to} the usage is {@code usage},
 * replacing whatever earlier readings said about that span. A reading in order adds the span since the reading before;
 * one arriving out of order between two readings replaces the usage between them with the two parts it reveals.
 *
 * @param from
 *            epoch millis, inclusive
 * @param to
 *            epoch millis, exclusive; equal to {@code from} when the reading changed nothing
 */
public record UsageRevision(long from, long to, List<UsageDelta> usage) {

    public UsageRevision {
        usage = List.copyOf(usage);
    }

    /** A reading that changes no usage; it still shows that time passed. */
    public static UsageRevision none(long readingTime) {
        return new UsageRevision(readingTime, readingTime, List.of());
    }
}
