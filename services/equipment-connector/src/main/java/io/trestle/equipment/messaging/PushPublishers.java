package io.trestle.equipment.messaging;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import io.trestle.equipment.config.EquipmentConnectorConfig;
import io.trestle.equipment.service.AvailabilityEventType;
import io.trestle.equipment.service.FaultEventType;
import io.trestle.equipment.service.PushEventSinks;
import io.trestle.equipment.service.PushEventType;
import io.trestle.equipment.service.ReservationEventType;
import io.trestle.equipment.service.WorkOrderEventType;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.WorkOrderChanged;

/**
 * The publishers of the equipment platform's events, each keyed by asset on its own channel; topic names are
 * configuration ({@code trestle.equipment-connector.topics}).
 */
@Singleton
@Startup // checks the limits when the application starts, not at the first request
public class PushPublishers implements PushEventSinks {

    public static final String FAULT_CHANNEL = "fault-out";
    public static final String WORK_ORDER_CHANNEL = "work-order-out";
    public static final String RESERVATION_CHANNEL = "reservation-out";
    public static final String AVAILABILITY_CHANNEL = "availability-out";
    private static final int BUFFER = BoundedPublisher.EMITTER_BUFFER_SIZE;

    private final BoundedPublisher<FaultReported> faults;
    private final BoundedPublisher<WorkOrderChanged> workOrders;
    private final BoundedPublisher<ReservationChanged> reservations;
    private final BoundedPublisher<AvailabilityChanged> availability;

    @Inject
    public PushPublishers(
            @Channel(FAULT_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Record<String, FaultReported>> faults,
            @Channel(WORK_ORDER_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Record<String, WorkOrderChanged>> workOrders,
            @Channel(RESERVATION_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Record<String, ReservationChanged>> reservations,
            @Channel(AVAILABILITY_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Record<String, AvailabilityChanged>> availability,
            EquipmentConnectorConfig config) {
        int maxInFlight = config.ingest().maxInFlightReadings();
        int maxBatchSize = config.ingest().maxBatchSize();
        this.faults = new BoundedPublisher<>(faults, FaultReported::getAssetId, FAULT_CHANNEL, maxInFlight,
                maxBatchSize);
        this.workOrders = new BoundedPublisher<>(workOrders, WorkOrderChanged::getAssetId, WORK_ORDER_CHANNEL,
                maxInFlight, maxBatchSize);
        this.reservations = new BoundedPublisher<>(reservations, ReservationChanged::getAssetId,
                RESERVATION_CHANNEL, maxInFlight, maxBatchSize);
        this.availability = new BoundedPublisher<>(availability, AvailabilityChanged::getAssetId,
                AVAILABILITY_CHANNEL, maxInFlight, maxBatchSize);
    }

    @Override
    @SuppressWarnings("unchecked") // each kind's events are of its publisher's type, as the kinds declare
    public <E> Optional<CompletableFuture<Void>> tryPublish(PushEventType<?, E> type, List<E> events) {
        BoundedPublisher<?> publisher;
        if (type instanceof FaultEventType) {
            publisher = faults;
        } else if (type instanceof WorkOrderEventType) {
            publisher = workOrders;
        } else if (type instanceof ReservationEventType) {
            publisher = reservations;
        } else if (type instanceof AvailabilityEventType) {
            publisher = availability;
        } else {
            throw new IllegalArgumentException("no publisher for " + type.name() + "s");
        }
        return ((BoundedPublisher<E>) publisher).tryPublish(events);
    }

    public BoundedPublisher<FaultReported> faults() {
        return faults;
    }

    public BoundedPublisher<WorkOrderChanged> workOrders() {
        return workOrders;
    }

    public BoundedPublisher<ReservationChanged> reservations() {
        return reservations;
    }

    public BoundedPublisher<AvailabilityChanged> availability() {
        return availability;
    }
}
