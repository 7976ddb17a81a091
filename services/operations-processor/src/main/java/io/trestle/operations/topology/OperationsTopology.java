package io.trestle.operations.topology;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.trestle.operations.domain.AssetOperations;
import io.trestle.operations.domain.CancelledTask;
import io.trestle.operations.domain.TaskEvent;
import io.trestle.operations.domain.TaskHoldings;
import io.trestle.operations.service.BreakdownNotifications;
import io.trestle.operations.service.OperationsEvents;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.schedule.ScheduleReviewRequested;
import io.trestle.schema.schedule.TaskCancelled;

/**
 * Reservations, faults, work orders and the platform's availability, all keyed by asset id, merged into one per-asset
 * processor ({@link AssetOperationsProcessor}) → conflict events (keyed by conflict id), derived availability (keyed by
 * asset id, on the topic it also reads), breakdown review requests (keyed by project id) and breakdown notifications
 * (keyed by asset id). Input keyed by another asset than it names, or with an impossible period, is quarantined instead
 * ({@link InputChecks}); a refused breakdown is also notified, as a technical failure.
 *
 * <p>
 * The four inputs are read by the same task per partition number, so they must have the same number of partitions (as
 * for a join). The outputs go straight to their topics, so re-keying them needs no repartition topic. Availability
 * events written by this service are skipped on the way in: its output is its input topic, and reading its own
 * derivation back would make it the platform's word.
 *
 * <p>
 * Cancelled tasks with bookings: task cancellations are keyed by project and reservations by asset, and neither knows
 * the other's key, so both are re-keyed by task id into one repartition topic ({@code task-events}) read by a per-task
 * processor ({@link TaskHoldingsProcessor}). The asset processor forwards each reservation change there (and a
 * withdrawal to the task a reservation no longer names), so the task side needs no state of the asset side. One
 * repartition topic for both inputs keeps them co-partitioned by construction.
 *
 * <p>
 * The stores, the repartition topic and every operator are named, so changelog and repartition topics keep their names
 * when the topology changes.
 */
public final class OperationsTopology {

    /** Per asset: reservations, breakdowns, downtime, platform availability, and what was last published. */
    public static final String ASSET_STORE = "asset-operations";

    /** Per task: its cancellation, the reservations holding equipment for it, and its open conflicts. */
    public static final String TASK_STORE = "task-holdings";

    private OperationsTopology() {
    }

    /** The Avro serdes of the topics; tests and production pass ones bound to their registry. */
    public record TopicSerdes(Serde<ReservationChanged> reservation, Serde<FaultReported> fault,
            Serde<WorkOrderChanged> workOrder, Serde<AvailabilityChanged> availability,
            Serde<TaskCancelled> taskCancelled, Serde<ScheduleConflictChanged> conflict,
            Serde<ScheduleReviewRequested> reviewRequest, Serde<OperationsNotification> notification,
            Serde<QuarantinedEvent> quarantine) {
    }

    public static Topology build(OperationsSettings settings, TopicSerdes serdes) {
        OperationsSettings.Topics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        // Cached: a punctuation rewriting many assets is logged once per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ASSET_STORE),
                Serdes.String(), new ObjectMapperSerde<>(AssetOperations.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TASK_STORE),
                Serdes.String(), new ObjectMapperSerde<>(TaskHoldings.class)).withCachingEnabled());

        KStream<String, OperationsInput> reservations = builder.stream(topics.reservations(),
                Consumed.with(Serdes.String(), serdes.reservation()).withName("reservation-source"))
                .filter((assetId, event) -> event != null, Named.as("skip-reservation-tombstones"))
                .mapValues(OperationsInput.Reservation::new, Named.as("reservation-inputs"));
        KStream<String, OperationsInput> faults = builder.stream(topics.faults(),
                Consumed.with(Serdes.String(), serdes.fault()).withName("fault-source"))
                .filter((assetId, event) -> event != null, Named.as("skip-fault-tombstones"))
                .mapValues(OperationsInput.Fault::new, Named.as("fault-inputs"));
        KStream<String, OperationsInput> workOrders = builder.stream(topics.workOrders(),
                Consumed.with(Serdes.String(), serdes.workOrder()).withName("work-order-source"))
                .filter((assetId, event) -> event != null, Named.as("skip-work-order-tombstones"))
                .mapValues(OperationsInput.WorkOrder::new, Named.as("work-order-inputs"));
        KStream<String, OperationsInput> availability = builder.stream(topics.availability(),
                Consumed.with(Serdes.String(), serdes.availability()).withName("availability-source"))
                .filter((assetId, event) -> event != null
                        && !OperationsEvents.SOURCE_SYSTEM.equals(event.getMetadata().getSourceSystem()),
                        Named.as("platform-availability"))
                .mapValues(OperationsInput.Availability::new, Named.as("availability-inputs"));

        Map<String, KStream<String, OperationsInput>> inputs = reservations
                .merge(faults, Named.as("merge-faults"))
                .merge(workOrders, Named.as("merge-work-orders"))
                .merge(availability, Named.as("merge-availability"))
                .split(Named.as("input-"))
                .branch((key, input) -> InputChecks.problem(key, input).isPresent(), Branched.as("refused"))
                .defaultBranch(Branched.as("accepted"));
        KStream<String, Refusal> refused = inputs.get("input-refused")
                .processValues(QuarantineProcessor::new, Named.as("describe-refused-input"));
        refused.mapValues(Refusal::entry, Named.as("quarantine-entries"))
                .selectKey((key, event) -> QuarantineProcessor.DETECTED_BY, Named.as("key-by-detector"))
                .to(topics.quarantine(),
                        Produced.with(Serdes.String(), serdes.quarantine()).withName("quarantine-sink"));
        refused.flatMapValues(refusal -> refusal.input() instanceof OperationsInput.Fault fault
                ? BreakdownNotifications.notProcessed(fault.event(), refusal.entry()).stream().toList()
                : List.<OperationsNotification>of(), Named.as("refused-breakdown-notifications"))
                .selectKey((key, notification) -> notification.getAssetId(), Named.as("key-by-asset"))
                .to(topics.notifications(), Produced.with(Serdes.String(), serdes.notification())
                        .withName("refused-breakdown-notification-sink"));

        Map<String, KStream<String, OperationsOutput>> outputs = inputs.get("input-accepted")
                .process(() -> new AssetOperationsProcessor(settings), Named.as("asset-operations-processor"),
                        ASSET_STORE)
                .split(Named.as("output-"))
                .branch((key, output) -> output instanceof OperationsOutput.Conflict, Branched.as("conflicts"))
                .branch((key, output) -> output instanceof OperationsOutput.Availability, Branched.as("availability"))
                .branch((key, output) -> output instanceof OperationsOutput.Review, Branched.as("reviews"))
                .branch((key, output) -> output instanceof OperationsOutput.Notification,
                        Branched.as("notifications"))
                .defaultBranch(Branched.as("bookings"));

        outputs.get("output-conflicts")
                .mapValues(output -> ((OperationsOutput.Conflict) output).event(), Named.as("conflict-events"))
                .to(topics.conflicts(), Produced.with(Serdes.String(), serdes.conflict()).withName("conflict-sink"));
        outputs.get("output-availability")
                .mapValues(output -> ((OperationsOutput.Availability) output).event(), Named.as("availability-events"))
                .to(topics.availability(),
                        Produced.with(Serdes.String(), serdes.availability()).withName("availability-sink"));
        outputs.get("output-reviews")
                .mapValues(output -> ((OperationsOutput.Review) output).event(), Named.as("review-events"))
                .to(topics.reviewRequests(),
                        Produced.with(Serdes.String(), serdes.reviewRequest()).withName("review-request-sink"));
        outputs.get("output-notifications")
                .mapValues(output -> ((OperationsOutput.Notification) output).event(), Named.as("notification-events"))
                .to(topics.notifications(),
                        Produced.with(Serdes.String(), serdes.notification()).withName("notification-sink"));

        KStream<String, TaskEvent> bookings = outputs.get("output-bookings")
                .mapValues(output -> new TaskEvent(((OperationsOutput.Booking) output).booking(), null),
                        Named.as("booking-task-events"));
        builder.stream(topics.taskCancellations(),
                Consumed.with(Serdes.String(), serdes.taskCancelled()).withName("task-cancelled-source"))
                .filter((projectId, event) -> event != null, Named.as("skip-task-cancelled-tombstones"))
                .map((projectId, event) -> KeyValue.pair(event.getTaskId(), new TaskEvent(null,
                        new CancelledTask(event.getTaskId(), event.getProjectId(), event.getReason(),
                                event.getMetadata().getEventId().toString()))),
                        Named.as("cancellation-task-events"))
                .merge(bookings, Named.as("merge-task-events"))
                .repartition(Repartitioned.with(Serdes.String(), new ObjectMapperSerde<>(TaskEvent.class))
                        .withName("task-events"))
                .process(TaskHoldingsProcessor::new, Named.as("task-holdings-processor"), TASK_STORE)
                .to(topics.conflicts(),
                        Produced.with(Serdes.String(), serdes.conflict()).withName("task-conflict-sink"));
        return builder.build();
    }
}
