package io.trestle.operations.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.BookedReservation;
import io.trestle.operations.domain.Breakdown;
import io.trestle.operations.domain.Conflict;
import io.trestle.operations.domain.DerivedAvailability;
import io.trestle.operations.domain.Downtime;
import io.trestle.operations.domain.PlatformAvailability;
import io.trestle.operations.domain.TaskBooking;
import io.trestle.operations.service.AvailabilityRules;
import io.trestle.operations.service.BreakdownNotifications;
import io.trestle.operations.service.ConflictRules;
import io.trestle.operations.service.OperationsEvents;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

/**
 * Keeps each asset's reservations, breakdowns, downtime and platform availability in one store entry, and after every
 * change publishes what changed: conflicts opened, changed or resolved, the derived availability when its state
 * changes, review requests and a notification for a new breakdown, a notification for a cleared one, and reservation
 * changes for the task side ({@link TaskHoldingsProcessor}). A wall-clock punctuation derives every asset again,
 * because a reservation starting or ending changes availability with no event, and forgets reservations long over.
 *
 * <p>
 * Time is the wall clock ({@code currentSystemTimeMs}): availability is about now, not about the time of the record
 * that happened to arrive; the test driver mocks it.
 */
class AssetOperationsProcessor implements Processor<String, OperationsInput, String, OperationsOutput> {

    private final OperationsSettings settings;
    private ProcessorContext<String, OperationsOutput> context;
    private KeyValueStore<String, AssetOperations> store;

    AssetOperationsProcessor(OperationsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, OperationsOutput> context) {
        this.context = context;
        this.store = context.getStateStore(OperationsTopology.ASSET_STORE);
        context.schedule(settings.availabilityCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::recheckAll);
    }

    @Override
    public void process(Record<String, OperationsInput> record) {
        String assetId = record.key();
        long now = context.currentSystemTimeMs();
        AssetOperations before = Objects.requireNonNullElse(store.get(assetId), AssetOperations.EMPTY);
        List<OperationsOutput> outputs = new ArrayList<>();
        OperationsInput input = record.value();
        AssetOperations changed;
        if (input instanceof OperationsInput.Reservation r) {
            changed = apply(before, r.event());
            bookingChanges(assetId, before, changed, r.event().getReservationId(), correlationId(input))
                    .forEach(outputs::add);
        } else if (input instanceof OperationsInput.WorkOrder w) {
            changed = apply(before, w.event());
        } else if (input instanceof OperationsInput.Fault f) {
            changed = apply(assetId, before, f.event(), now, outputs);
            BreakdownNotifications.of(assetId, before, changed, f.event(),
                    context.recordMetadata().orElseThrow().topic(), now)
                    .ifPresent(notification -> outputs.add(new OperationsOutput.Notification(notification)));
        } else {
            AvailabilityChanged pushed = ((OperationsInput.Availability) input).event();
            changed = before.withPlatform(new PlatformAvailability(pushed.getState(),
                    pushed.getEffectiveFrom().toEpochMilli(), pushed.getReason()));
        }
        AssetOperations after = publish(assetId, changed, now, correlationId(input), outputs);
        outputs.forEach(output -> context.forward(record.withKey(keyOf(output)).withValue(output)));
        if (!after.equals(before)) {
            store.put(assetId, after);
        }
    }

    /**
     * What the task side must learn of a reservation change: the reservation's task holds it as it now is, and a task
     * it named before no longer does. A stale update, which changes nothing, tells nothing.
     */
    private static List<OperationsOutput> bookingChanges(String assetId, AssetOperations before,
            AssetOperations after, String reservationId, String correlationId) {
        BookedReservation previous = before.reservations().get(reservationId);
        BookedReservation current = after.reservations().get(reservationId);
        if (Objects.equals(previous, current)) {
            return List.of();
        }
        List<OperationsOutput> changes = new ArrayList<>();
        if (previous != null && previous.taskId() != null && !previous.taskId().equals(current.taskId())) {
            changes.add(new OperationsOutput.Booking(TaskBooking.withdrawn(previous, assetId, correlationId)));
        }
        if (current.taskId() != null) {
            changes.add(new OperationsOutput.Booking(TaskBooking.of(current, assetId, correlationId)));
        }
        return changes;
    }

    private static String correlationId(OperationsInput input) {
        return input.metadata().getEventId().toString();
    }

    /** A stale update (older than the one kept) changes nothing, so redelivery out of order cannot revive a booking. */
    private static AssetOperations apply(AssetOperations asset, ReservationChanged event) {
        long changedAt = event.getMetadata().getOccurredAt().toEpochMilli();
        BookedReservation kept = asset.reservations().get(event.getReservationId());
        if (kept != null && kept.changedAt() > changedAt) {
            return asset;
        }
        return asset.withReservations(reservations -> reservations.put(event.getReservationId(),
                new BookedReservation(event.getReservationId(), event.getProjectId(), event.getTaskId(),
                        event.getReservedFrom().toEpochMilli(), event.getReservedTo().toEpochMilli(),
                        event.getStatus().name(), changedAt)));
    }

    private static AssetOperations apply(AssetOperations asset, WorkOrderChanged event) {
        long changedAt = event.getMetadata().getOccurredAt().toEpochMilli();
        Downtime kept = asset.downtimes().get(event.getWorkOrderId());
        if (kept != null && kept.changedAt() > changedAt) {
            return asset;
        }
        boolean closed = event.getChange() == WorkOrderChange.CLOSED || event.getStatus() == WorkOrderStatus.DONE
                || event.getStatus() == WorkOrderStatus.CANCELLED;
        if (closed || event.getDowntimeStart() == null) {
            return asset.withDowntimes(downtimes -> downtimes.remove(event.getWorkOrderId()));
        }
        return asset.withDowntimes(downtimes -> downtimes.put(event.getWorkOrderId(),
                new Downtime(event.getWorkOrderId(), event.getTitle(), event.getDowntimeStart().toEpochMilli(),
                        event.getDowntimeEnd() == null ? null : event.getDowntimeEnd().toEpochMilli(), changedAt)));
    }

    /**
     * Only breakdowns take the asset down; warnings are not kept. A breakdown seen for the first time asks the planner
     * to review the tasks relying on the asset; a repeated raise does not ask again.
     */
    private static AssetOperations apply(String assetId, AssetOperations asset, FaultReported event, long now,
            List<OperationsOutput> outputs) {
        if (event.getState() == FaultState.CLEARED) {
            return asset.withBreakdowns(breakdowns -> breakdowns.remove(event.getFaultId()));
        }
        if (event.getState() != FaultState.ACTIVE || !event.getBreakdown()
                || asset.breakdowns().containsKey(event.getFaultId())) {
            return asset;
        }
        Breakdown breakdown = new Breakdown(event.getFaultId(), event.getCode(), event.getDescription(),
                event.getDetectedAt().toEpochMilli());
        OperationsEvents.breakdownReviews(assetId, breakdown, asset, now, event.getMetadata().getEventId().toString())
                .forEach(review -> outputs.add(new OperationsOutput.Review(review)));
        return asset.withBreakdowns(breakdowns -> breakdowns.put(breakdown.faultId(), breakdown));
    }

    /** Adds what changed since the last publication to {@code outputs}; returns the asset with that publication. */
    private static AssetOperations publish(String assetId, AssetOperations asset, long now, String correlationId,
            List<OperationsOutput> outputs) {
        Map<String, Conflict> found = ConflictRules.find(assetId, asset);
        OperationsEvents.conflictChanges(asset.openConflicts(), found, now, correlationId)
                .forEach(event -> outputs.add(new OperationsOutput.Conflict(event)));
        DerivedAvailability derived = AvailabilityRules.derive(asset, now);
        if (derived.state() != asset.publishedState()) {
            outputs.add(new OperationsOutput.Availability(
                    OperationsEvents.availability(assetId, derived, now, correlationId)));
        }
        return asset.published(found, derived.state());
    }

    private void recheckAll(long now) {
        long forgetEndedBefore = now - settings.reservationRetention().toMillis();
        List<KeyValue<String, AssetOperations>> updates = new ArrayList<>();
        try (KeyValueIterator<String, AssetOperations> all = store.all()) {
            all.forEachRemaining(entry -> {
                List<OperationsOutput> outputs = new ArrayList<>();
                entry.value.reservations().values().stream()
                        .filter(r -> r.to() <= forgetEndedBefore && r.taskId() != null)
                        .forEach(r -> outputs
                                .add(new OperationsOutput.Booking(TaskBooking.withdrawn(r, entry.key, null))));
                AssetOperations current = entry.value.withReservations(
                        reservations -> reservations.values().removeIf(r -> r.to() <= forgetEndedBefore));
                AssetOperations after = publish(entry.key, current, now, null, outputs);
                outputs.forEach(output -> context.forward(new Record<>(keyOf(output), output, now)));
                if (!after.equals(entry.value)) {
                    updates.add(KeyValue.pair(entry.key, after));
                }
            });
        }
        updates.forEach(update -> store.put(update.key, update.value));
    }

    private static String keyOf(OperationsOutput output) {
        if (output instanceof OperationsOutput.Conflict c) {
            return c.event().getConflictId();
        }
        if (output instanceof OperationsOutput.Availability a) {
            return a.event().getAssetId();
        }
        if (output instanceof OperationsOutput.Review r) {
            return r.event().getProjectId();
        }
        if (output instanceof OperationsOutput.Notification n) {
            return n.event().getAssetId();
        }
        return ((OperationsOutput.Booking) output).booking().taskId();
    }
}
