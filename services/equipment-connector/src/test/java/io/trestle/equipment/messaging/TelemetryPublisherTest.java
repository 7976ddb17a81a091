package io.trestle.equipment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.service.TelemetryMapper;
import io.trestle.schema.equipment.TelemetryReading;

class TelemetryPublisherTest {

    private final FakeEmitter emitter = new FakeEmitter();

    @Test
    void sendsEveryReadingKeyedByAssetAndCompletesOnlyWhenAllAreAcknowledged() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 10, 10);

        CompletableFuture<Void> published = publisher.tryPublish(readings(2)).orElseThrow();

        assertThat(emitter.sent()).extracting(record -> record.key()).containsExactly("EX-0", "EX-1");
        emitter.ack(0).complete(null);
        assertThat(published).isNotDone();
        emitter.ack(1).complete(null);
        assertThat(published).isCompleted();
    }

    @Test
    void failsWhenTheBrokerRefusesAnyReading() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 10, 10);
        CompletableFuture<Void> published = publisher.tryPublish(readings(2)).orElseThrow();

        emitter.ack(0).complete(null);
        emitter.ack(1).completeExceptionally(new IllegalStateException("NOT_ENOUGH_REPLICAS"));

        assertThat(published).isCompletedExceptionally();
    }

    @Test
    void refusesABatchThatDoesNotFitWholeAndSendsNothingOfIt() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 3, 2);

        assertThat(publisher.tryPublish(readings(2))).isPresent();
        assertThat(publisher.tryPublish(readings(2))).isEmpty();
        assertThat(emitter.sent()).hasSize(2);
        assertThat(publisher.tryPublish(readings(1))).as("the one reading that still fits").isPresent();
        assertThat(emitter.sent()).hasSize(3);
    }

    @Test
    void freesTheRoomOfABatchWhenTheBrokerAnsweredForAllOfItsReadingsSuccessOrFailure() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 2, 2);
        publisher.tryPublish(readings(2)).orElseThrow();

        emitter.ack(0).complete(null);
        assertThat(publisher.tryPublish(readings(1))).as("one reading still awaits the broker").isEmpty();

        emitter.ack(1).completeExceptionally(new IllegalStateException("delivery timeout"));
        assertThat(publisher.tryPublish(readings(2))).isPresent();
    }

    @Test
    void keepsTheRoomWhileTheBrokerHasNotAnsweredEvenWhenTheCallerStopsWaiting() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 2, 2);
        CompletableFuture<Void> waited = publisher.tryPublish(readings(2)).orElseThrow().orTimeout(1,
                TimeUnit.MILLISECONDS);

        assertThatThrownBy(waited::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(publisher.tryPublish(readings(1))).as("the readings are still in the producer").isEmpty();

        emitter.acknowledgeAll();
        assertThat(publisher.tryPublish(readings(2))).isPresent();
    }

    @Test
    void turnsASendTheEmitterRefusesIntoAFailedFutureAndKeepsTheRoomOfWhatWasSent() {
        TelemetryPublisher publisher = new TelemetryPublisher(emitter, 2, 2);
        emitter.refuseAfter(1);

        CompletableFuture<Void> published = publisher.tryPublish(readings(2)).orElseThrow();

        assertThatThrownBy(published::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        emitter.refuseAfter(Integer.MAX_VALUE);
        assertThat(publisher.tryPublish(readings(1))).as("the first reading is still in the producer").isEmpty();
        emitter.ack(0).complete(null);
        assertThat(publisher.tryPublish(readings(2))).isPresent();
    }

    @Test
    void refusesLimitsUnderWhichAFullBatchCouldNeverFitOrTheEmitterCouldOverflow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TelemetryPublisher(emitter, 999, 1000))
                .withMessage("trestle.equipment-connector.ingest.max-in-flight-readings (999) must be at least "
                        + "trestle.equipment-connector.ingest.max-batch-size (1000), or a full batch could never be "
                        + "published");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TelemetryPublisher(emitter, TelemetryPublisher.EMITTER_BUFFER_SIZE + 1, 1000))
                .withMessageContaining("must be at most " + TelemetryPublisher.EMITTER_BUFFER_SIZE);
    }

    private static List<TelemetryReading> readings(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> TelemetryMapper.toEvent(new TelemetryItem("r-" + i, "EX-" + i, Instant.now(), 1.0, null,
                        null, null, null, null, null, null, null, null), "EX-" + i, List.of(), "push:test", "corr",
                        Instant.now()))
                .toList();
    }
}
