package io.trestle.equipment.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the pollers keep, per vendor, asset and data element, the latest reading time they published. A poller starts
 * from these after a restart, so it neither republishes the snapshot nor leaves the time the connector was down without
 * the back-fill a vendor outage would get.
 */
public interface PollPositions {

    /**
     * @param element
     *            the data element as the poller names it, e.g. {@code operatingHours}
     */
    record Position(String asset, String element, Instant publishedUpTo) {
    }

    /** False until the stored positions are read; a poller starting earlier would republish and skip back-fills. */
    boolean ready();

    /** The vendor's stored positions; only once {@link #ready()}. */
    List<Position> load(String vendor);

    /**
     * Stores positions, each replacing the vendor's position of its asset and element.
     *
     * @return completes once the positions are stored durably, or fails
     */
    CompletableFuture<Void> save(String vendor, List<Position> positions);
}
