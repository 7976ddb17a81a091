package io.trestle.operations.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.trestle.schema.equipment.AvailabilityState;

/**
 * Everything the processor keeps about one asset: what holds it (reservations) and what keeps it out of use
 * (breakdowns, downtime, the platform's own state), plus what was last published about it, so only changes are
 * published.
 *
 * @param openConflicts
 *            by conflict id, the conflicts last published OPEN
 * @param publishedState
 *            the state the availability topic shows for the asset, whether this service or the platform wrote it; null
 *            before anything was seen
 */
public record AssetOperations(Map<String, BookedReservation> reservations, Map<String, Breakdown> breakdowns,
        Map<String, Downtime> downtimes, PlatformAvailability platform, Map<String, Conflict> openConflicts,
        AvailabilityState publishedState) {

    public static final AssetOperations EMPTY = new AssetOperations(Map.of(), Map.of(), Map.of(), null, Map.of(), null);

    public AssetOperations {
        reservations = Map.copyOf(reservations);
        breakdowns = Map.copyOf(breakdowns);
        downtimes = Map.copyOf(downtimes);
        openConflicts = Map.copyOf(openConflicts);
    }

    public AssetOperations withReservations(Consumer<Map<String, BookedReservation>> change) {
        return new AssetOperations(changed(reservations, change), breakdowns, downtimes, platform, openConflicts,
                publishedState);
    }

    public AssetOperations withBreakdowns(Consumer<Map<String, Breakdown>> change) {
        return new AssetOperations(reservations, changed(breakdowns, change), downtimes, platform, openConflicts,
                publishedState);
    }

    public AssetOperations withDowntimes(Consumer<Map<String, Downtime>> change) {
        return new AssetOperations(reservations, breakdowns, changed(downtimes, change), platform, openConflicts,
                publishedState);
    }

    /** The platform's push is also what the availability topic now shows. */
    public AssetOperations withPlatform(PlatformAvailability pushed) {
        return new AssetOperations(reservations, breakdowns, downtimes, pushed, openConflicts, pushed.state());
    }

    public AssetOperations published(Map<String, Conflict> conflicts, AvailabilityState state) {
        return new AssetOperations(reservations, breakdowns, downtimes, platform, conflicts, state);
    }

    private static <T> Map<String, T> changed(Map<String, T> current, Consumer<Map<String, T>> change) {
        Map<String, T> copy = new HashMap<>(current);
        change.accept(copy);
        return copy;
    }
}
