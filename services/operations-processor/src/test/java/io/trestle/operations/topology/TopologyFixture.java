package io.trestle.operations.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.AvailabilityChanged;
import io.trestle.schema.equipment.AvailabilityState;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;
import io.trestle.schema.operations.OperationsNotification;
import io.trestle.schema.operations.QuarantinedEvent;
import io.trestle.schema.operations.ScheduleConflictChanged;
import io.trestle.schema.schedule.ScheduleReviewRequested;
import io.trestle.schema.schedule.TaskCancelled;
import io.trestle.schema.topic.TrestleTopic;
import io.trestle.testkit.TrestleStack;

/**
 * The operations topology on Kafka's test driver, with the production Avro serdes against the test run's schema
 * registry, and the inputs the tests speak in: hours after {@link #T0}, which is also the driver's wall clock at start.
 * A test class declares it as an extension ({@code @RegisterExtension final TopologyFixture fixture = new
 * TopologyFixture();}): every test gets a fresh driver, closed after it.
 */
final class TopologyFixture implements AutoCloseable, AfterEachCallback {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final OperationsSettings SETTINGS = new OperationsSettings(
            new OperationsSettings.Topics(TrestleTopic.EQUIPMENT_RESERVATION.topicName(),
                    TrestleTopic.EQUIPMENT_FAULT.topicName(), TrestleTopic.EQUIPMENT_WORK_ORDER.topicName(),
                    TrestleTopic.EQUIPMENT_AVAILABILITY.topicName(), TrestleTopic.SCHEDULE_TASK_CANCELLED.topicName(),
                    TrestleTopic.OPERATIONS_CONFLICT.topicName(),
                    TrestleTopic.SCHEDULE_REVIEW_REQUEST.topicName(), TrestleTopic.OPERATIONS_NOTIFICATION.topicName(),
                    TrestleTopic.INTEGRATION_QUARANTINE.topicName()),
            Duration.ofMinutes(1), Duration.ofDays(1));

    final TopologyTestDriver driver;
    final TestInputTopic<String, ReservationChanged> reservations;
    final TestInputTopic<String, FaultReported> faults;
    final TestInputTopic<String, WorkOrderChanged> workOrders;
    final TestInputTopic<String, AvailabilityChanged> availabilityIn;
    final TestInputTopic<String, TaskCancelled> taskCancellations;
    final TestOutputTopic<String, AvailabilityChanged> availability;
    final TestOutputTopic<String, ScheduleConflictChanged> conflicts;
    final TestOutputTopic<String, ScheduleReviewRequested> reviews;
    final TestOutputTopic<String, OperationsNotification> notifications;
    final TestOutputTopic<String, QuarantinedEvent> quarantine;
    /** Wall-clock time since {@link #T0}; inputs are changed and delivered at it. */
    private Duration elapsed = Duration.ZERO;

    TopologyFixture() {
        OperationsTopology.TopicSerdes serdes = TopologyProducer
                .serdes(RegistryConnection.anonymous(TrestleStack.schemaRegistry().registryUrl()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "operations-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "kafka-streams", UUID.randomUUID().toString()).toString());
        driver = new TopologyTestDriver(OperationsTopology.build(SETTINGS, serdes), props, T0);
        OperationsSettings.Topics topics = SETTINGS.topics();
        reservations = driver.createInputTopic(topics.reservations(), Serdes.String().serializer(),
                serdes.reservation().serializer());
        faults = driver.createInputTopic(topics.faults(), Serdes.String().serializer(), serdes.fault().serializer());
        workOrders = driver.createInputTopic(topics.workOrders(), Serdes.String().serializer(),
                serdes.workOrder().serializer());
        availabilityIn = driver.createInputTopic(topics.availability(), Serdes.String().serializer(),
                serdes.availability().serializer());
        taskCancellations = driver.createInputTopic(topics.taskCancellations(), Serdes.String().serializer(),
                serdes.taskCancelled().serializer());
        availability = driver.createOutputTopic(topics.availability(), Serdes.String().deserializer(),
                serdes.availability().deserializer());
        conflicts = driver.createOutputTopic(topics.conflicts(), Serdes.String().deserializer(),
                serdes.conflict().deserializer());
        reviews = driver.createOutputTopic(topics.reviewRequests(), Serdes.String().deserializer(),
                serdes.reviewRequest().deserializer());
        notifications = driver.createOutputTopic(topics.notifications(), Serdes.String().deserializer(),
                serdes.notification().deserializer());
        quarantine = driver.createOutputTopic(topics.quarantine(), Serdes.String().deserializer(),
                serdes.quarantine().deserializer());
    }

    static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3_600_000));
    }

    /** Moves the wall clock forward, firing the availability checks that fall due. */
    void advanceTo(double hours) {
        Duration target = Duration.between(T0, at(hours));
        driver.advanceWallClockTime(target.minus(elapsed));
        elapsed = target;
    }

    void reserve(String assetId, String reservationId, String projectId, String taskId, double fromHour,
            double toHour, ReservationStatus status) {
        reserve(assetId, reservationId, projectId, taskId, fromHour, toHour, status, elapsedHours());
    }

    void reserve(String assetId, String reservationId, String projectId, String taskId, double fromHour,
            double toHour, ReservationStatus status, double changedAtHour) {
        reservations.pipeInput(assetId, reservation(assetId, reservationId, projectId, taskId, at(fromHour),
                at(toHour), status, at(changedAtHour)), at(elapsedHours()));
    }

    static ReservationChanged reservation(String assetId, String reservationId, String projectId, String taskId,
            Instant from, Instant to, ReservationStatus status, Instant changedAt) {
        return ReservationChanged.newBuilder()
                .setMetadata(metadata("aemp:test", changedAt))
                .setReservationId(reservationId)
                .setAssetId(assetId)
                .setProjectId(projectId)
                .setTaskId(taskId)
                .setReservedFrom(from)
                .setReservedTo(to)
                .setStatus(status)
                .build();
    }

    /** Returns the event piped, so a test can pipe it again or compare against its metadata. */
    FaultReported fault(String assetId, String faultId, FaultState state, boolean breakdown, double detectedAtHour) {
        FaultReported event = fault(assetId, faultId, state, breakdown, at(detectedAtHour));
        faults.pipeInput(assetId, event, at(elapsedHours()));
        return event;
    }

    /** A breakdown detected at one time and cleared at another. */
    FaultReported clearBreakdown(String assetId, String faultId, double detectedAtHour, double clearedAtHour) {
        FaultReported event = FaultReported.newBuilder(fault(assetId, faultId, FaultState.CLEARED, true,
                at(detectedAtHour)))
                .setClearedAt(at(clearedAtHour))
                .build();
        faults.pipeInput(assetId, event, at(elapsedHours()));
        return event;
    }

    static FaultReported fault(String assetId, String faultId, FaultState state, boolean breakdown,
            Instant detectedAt) {
        return FaultReported.newBuilder()
                .setMetadata(metadata("aemp:test", detectedAt))
                .setFaultId(faultId)
                .setAssetId(assetId)
                .setCode("1569-31")
                .setDescription("Engine derate")
                .setState(state)
                .setBreakdown(breakdown)
                .setDetectedAt(detectedAt)
                .setClearedAt(state == FaultState.CLEARED ? detectedAt : null)
                .build();
    }

    void workOrder(String assetId, String workOrderId, WorkOrderChange change, WorkOrderStatus status,
            Double downtimeStartHour, Double downtimeEndHour) {
        Instant now = at(elapsedHours());
        workOrders.pipeInput(assetId, WorkOrderChanged.newBuilder()
                .setMetadata(metadata("aemp:test", now))
                .setWorkOrderId(workOrderId)
                .setAssetId(assetId)
                .setChange(change)
                .setStatus(status)
                .setTitle("Replace hydraulic pump")
                .setDowntimeStart(downtimeStartHour == null ? null : at(downtimeStartHour))
                .setDowntimeEnd(downtimeEndHour == null ? null : at(downtimeEndHour))
                .setClosedAt(change == WorkOrderChange.CLOSED ? now : null)
                .build(), now);
    }

    void pushAvailability(String assetId, String sourceSystem, AvailabilityState state) {
        Instant now = at(elapsedHours());
        availabilityIn.pipeInput(assetId, AvailabilityChanged.newBuilder()
                .setMetadata(metadata(sourceSystem, now))
                .setAssetId(assetId)
                .setState(state)
                .setEffectiveFrom(now)
                .build(), now);
    }

    void cancelTask(String projectId, String taskId) {
        Instant now = at(elapsedHours());
        taskCancellations.pipeInput(projectId, taskCancelled(projectId, taskId, now), now);
    }

    static TaskCancelled taskCancelled(String projectId, String taskId, Instant at) {
        return TaskCancelled.newBuilder()
                .setMetadata(metadata("p6", at))
                .setProjectId(projectId)
                .setTaskId(taskId)
                .setReason("Scope removed")
                .build();
    }

    /** The availability states published since the last call, in order. */
    List<AvailabilityState> availabilityStates() {
        return availability.readValuesToList().stream().map(AvailabilityChanged::getState).toList();
    }

    private double elapsedHours() {
        return elapsed.toMillis() / 3_600_000.0;
    }

    static EventMetadata metadata(String sourceSystem, Instant time) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem(sourceSystem)
                .setOccurredAt(time)
                .setIngestedAt(time)
                .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        driver.close();
    }
}
