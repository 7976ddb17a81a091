package io.trestle.bench.fleet;

import java.util.List;

/**
 * A generated fleet: its machines, their reservations, and the readings in the order they are delivered — first the
 * bulk part (replayed as fast as the system takes it), then the live part (sent at a steady pace).
 *
 * @param projectIds
 *            the projects the reservations name, each with {@link #COST_CODES_PER_PROJECT} cost codes
 */
public record Fleet(FleetSpec spec, List<Asset> assets, List<String> projectIds, List<Reservation> reservations,
        List<Delivery> bulk, List<Delivery> live) {

    public static final int COST_CODES_PER_PROJECT = 3;

    public Fleet {
        assets = List.copyOf(assets);
        projectIds = List.copyOf(projectIds);
        reservations = List.copyOf(reservations);
        bulk = List.copyOf(bulk);
        live = List.copyOf(live);
    }
}
