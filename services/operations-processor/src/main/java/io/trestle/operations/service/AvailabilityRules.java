package io.trestle.operations.service;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.BookedReservation;
import io.trestle.operations.domain.Breakdown;
import io.trestle.operations.domain.DerivedAvailability;
import io.trestle.operations.domain.Downtime;
import io.trestle.operations.domain.PlatformAvailability;
import io.trestle.schema.equipment.AvailabilityState;

/**
 * An asset's availability at a moment, by precedence: retired (platform) before down (an active breakdown) before in
 * maintenance (a work order's downtime) before another out-of-use state the platform pushed (down, maintenance or
 * transit it knows of and Trestle does not) before in use (a confirmed reservation running) before available.
 */
public final class AvailabilityRules {

    /** Platform states that take the asset out of use on their own; the others are what this service derives. */
    private static final Set<AvailabilityState> PLATFORM_OUT_OF_USE = EnumSet.of(AvailabilityState.DOWN,
            AvailabilityState.IN_MAINTENANCE, AvailabilityState.IN_TRANSIT);

    private AvailabilityRules() {
    }

    public static DerivedAvailability derive(AssetOperations asset, long now) {
        PlatformAvailability platform = asset.platform();
        if (platform != null && platform.state() == AvailabilityState.RETIRED) {
            return fromPlatform(platform);
        }
        Optional<Breakdown> breakdown = asset.breakdowns().values().stream()
                .min(Comparator.comparingLong(Breakdown::detectedAt).thenComparing(Breakdown::faultId));
        if (breakdown.isPresent()) {
            Breakdown first = breakdown.get();
            return new DerivedAvailability(AvailabilityState.DOWN, first.detectedAt(), null,
                    "Breakdown: fault " + first.code() + (first.description() == null ? "" : " " + first.description()),
                    null, first.faultId());
        }
        Optional<Downtime> downtime = asset.downtimes().values().stream().filter(d -> d.covers(now))
                .min(Comparator.comparingLong(Downtime::start).thenComparing(Downtime::workOrderId));
        if (downtime.isPresent()) {
            Downtime current = downtime.get();
            return new DerivedAvailability(AvailabilityState.IN_MAINTENANCE, current.start(), current.end(),
                    "Work order " + current.workOrderId() + ": " + current.title(), current.workOrderId(), null);
        }
        if (platform != null && PLATFORM_OUT_OF_USE.contains(platform.state())) {
            return fromPlatform(platform);
        }
        Optional<BookedReservation> running = asset.reservations().values().stream()
                .filter(r -> r.confirmed() && r.covers(now))
                .min(Comparator.comparingLong(BookedReservation::from)
                        .thenComparing(BookedReservation::reservationId));
        if (running.isPresent()) {
            BookedReservation reservation = running.get();
            return new DerivedAvailability(AvailabilityState.IN_USE, reservation.from(), reservation.to(),
                    "Reservation " + reservation.reservationId() + " for project " + reservation.projectId(), null,
                    null);
        }
        return new DerivedAvailability(AvailabilityState.AVAILABLE, now, null, null, null, null);
    }

    private static DerivedAvailability fromPlatform(PlatformAvailability platform) {
        return new DerivedAvailability(platform.state(), platform.effectiveFrom(), null, platform.reason(), null, null);
    }
}
