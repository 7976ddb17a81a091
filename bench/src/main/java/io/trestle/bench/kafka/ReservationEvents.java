package io.trestle.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.trestle.bench.fleet.Reservation;
import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.equipment.ReservationChanged;
import io.trestle.schema.equipment.ReservationStatus;
import io.trestle.schema.topic.TrestleTopic;

/**
 * The fleet's reservations as the equipment connector would have published them when they were booked: same event shape
 * ({@code push:<client>:<id>} ids, source system {@code push:<client>}), and the booking time as record timestamp.
 *
 * <p>
 * They are published directly rather than pushed through the connector now, because the benchmark compresses time: a
 * push today would stamp them with today's time, and Kafka Streams reads a task's input partitions in timestamp order,
 * so the aggregator would apply them only after the whole replayed day of telemetry — posting that day as unallocated
 * and then correcting every window. In production a reservation is booked before the machine works under it.
 */
public final class ReservationEvents {

    private ReservationEvents() {
    }

    public static void publish(String bootstrap, String registryUrl, String client, List<Reservation> reservations,
            Function<Reservation, String> costCodeId)
            throws InterruptedException, ExecutionException, TimeoutException {
        String system = "push:" + client;
        try (KafkaProducer<String, SpecificRecord> producer = AvroKafka.producer(KafkaConnection.plaintext(bootstrap),
                RegistryConnection.anonymous(registryUrl))) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Reservation reservation : reservations) {
                ReservationChanged event = ReservationChanged.newBuilder()
                        .setMetadata(EventMetadata.newBuilder()
                                .setEventId(UUID.nameUUIDFromBytes((system + "|reservation|"
                                        + reservation.reservationId()).getBytes(StandardCharsets.UTF_8)))
                                .setSourceSystem(system)
                                .setSourceRecordId(reservation.reservationId())
                                .setOccurredAt(reservation.changedAt())
                                .setIngestedAt(reservation.changedAt())
                                .build())
                        .setReservationId(system + ":" + reservation.reservationId())
                        .setAssetId(reservation.assetId())
                        .setProjectId(reservation.projectId())
                        .setTaskId(reservation.taskId())
                        .setCostCodeId(costCodeId.apply(reservation))
                        .setReservedFrom(reservation.reservedFrom())
                        .setReservedTo(reservation.reservedTo())
                        .setStatus(ReservationStatus.CONFIRMED)
                        .build();
                sends.add(producer.send(new ProducerRecord<>(TrestleTopic.EQUIPMENT_RESERVATION.topicName(), null,
                        reservation.changedAt().toEpochMilli(), reservation.assetId(), event)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }
}
