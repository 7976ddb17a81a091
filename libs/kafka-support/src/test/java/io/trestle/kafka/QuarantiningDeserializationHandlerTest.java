package io.trestle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import com.microsoft.kiota.ApiException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trestle.schema.operations.QuarantinedEvent;

/**
 * The handler continues past an unreadable record only once its quarantine entry is acknowledged, and stops the
 * application when the entry cannot be written; it takes what it writes with from the Streams configuration.
 */
class QuarantiningDeserializationHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"telemetry-aggregator\" password=\"kafka-secret\";";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void writesTheEntryKeyedByTheServiceAndContinuesOnceTheBrokerAcknowledged() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        QuarantiningDeserializationHandler handler = handler(producer);

        ConsumerRecord<byte[], byte[]> record = UnreadableRecordsTest.record(1, 42, "EX-1",
                "not avro".getBytes(StandardCharsets.UTF_8));

        DeserializationHandlerResponse response = handler.handle(context(record), record,
                new SerializationException("Magic byte not found"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("trestle.integration.quarantine.v1");
        assertThat(sent.key()).isEqualTo("telemetry-aggregator");
        QuarantinedEvent entry = (QuarantinedEvent) sent.value();
        assertThat(entry.getReasonCode()).isEqualTo("UNREADABLE_RECORD");
        assertThat(entry.getSourceOffset()).isEqualTo(42L);
        assertThat(entry.getPayloadText()).isEqualTo("not avro");
        assertThat(entry.getFirstSeenAt()).isEqualTo(NOW);
        assertThat(count("quarantined")).isEqualTo(1.0);
    }

    @Test
    void stopsTheApplicationWhenTheBrokerRefusesTheEntry() throws Exception {
        MockProducer<String, SpecificRecord> producer = producer(false);
        QuarantiningDeserializationHandler handler = handler(producer);

        ConsumerRecord<byte[], byte[]> record = UnreadableRecordsTest.record(0, 7, "EX-1", new byte[]{1});

        CompletableFuture<DeserializationHandlerResponse> response = CompletableFuture.supplyAsync(
                () -> handler.handle(context(record), record, new SerializationException("corrupt")));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        assertThat(response).isNotDone();
        producer.errorNext(new NotEnoughReplicasException("1 of 3 in sync"));

        assertThat(response.get(10, TimeUnit.SECONDS)).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(count("failed")).isEqualTo(1.0);
        assertThat(count("quarantined")).isZero();
    }

    @Test
    void stopsWithoutQuarantiningWhenTheReaderNotTheRecordIsAtFault() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        QuarantiningDeserializationHandler handler = handler(producer);
        ConsumerRecord<byte[], byte[]> record = UnreadableRecordsTest.record(0, 7, "EX-1",
                new byte[]{0, 0, 0, 0, 12, 2, 4});

        for (Exception readerFault : List.of(
                new RuntimeException(new ExecutionException(new ConnectException("Connection refused"))),
                new RuntimeException(registryAnswer(503)), new RuntimeException(registryAnswer(401)),
                new IllegalStateException("Error getting schema",
                        new ClassCastException("TelemetryReading cannot be cast to SpecificRecord")))) {
            assertThat(handler.handle(context(record), record, readerFault)).as("%s", readerFault)
                    .isEqualTo(DeserializationHandlerResponse.FAIL);
        }
        assertThat(producer.history()).isEmpty();
        assertThat(count("failed")).isEqualTo(4.0);
    }

    @Test
    void quarantinesARecordNamingASchemaIdTheRegistryDoesNotHave() {
        MockProducer<String, SpecificRecord> producer = producer(true);
        QuarantiningDeserializationHandler handler = handler(producer);
        ConsumerRecord<byte[], byte[]> record = UnreadableRecordsTest.record(0, 7, "EX-1",
                new byte[]{0, 0, 0, 3, (byte) 0xe7, 2, 4});

        DeserializationHandlerResponse response = handler.handle(context(record), record,
                new RuntimeException(registryAnswer(404)));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).hasSize(1);
    }

    /** What Apicurio's registry client throws for an HTTP error answer (its ProblemDetails is one). */
    @SuppressWarnings("serial")
    private static ApiException registryAnswer(int status) {
        return new ApiException("HTTP " + status) {

            {
                setResponseStatusCode(status);
            }
        };
    }

    @Test
    void writesWithTheStreamsClustersSecurityAndRegistrySettingsAndNothingElseOfTheStreamsConfiguration() {
        Map<String, Object> streams = streamsConfig();
        streams.put("security.protocol", "SASL_SSL");
        streams.put("sasl.mechanism", "SCRAM-SHA-512");
        streams.put("sasl.jaas.config", JAAS);
        streams.put("apicurio.registry.auth.username", "trestle");
        streams.put("apicurio.registry.auth.password", "registry-secret");
        streams.put("apicurio.registry.auto-register", "false");
        streams.put("processing.guarantee", "exactly_once_v2");
        streams.put("num.standby.replicas", "0");

        Map<String, Object> config = QuarantineProducers.config(streams);

        assertThat(config).containsEntry("bootstrap.servers", "kafka-0:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("apicurio.registry.url", "https://registry/apis/registry/v3")
                .containsEntry("apicurio.registry.auth.username", "trestle")
                .containsEntry("apicurio.registry.auth.password", "registry-secret")
                .containsEntry("apicurio.registry.auto-register", false)
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "trestle-telemetry-aggregator-quarantine")
                .doesNotContainKeys("processing.guarantee", "num.standby.replicas", "application.id",
                        QuarantiningDeserializationHandler.TOPIC_CONFIG);
    }

    @Test
    void refusesAConfigurationWithoutTopicServiceOrRegistryNamingTheSetting() {
        for (String missing : new String[]{QuarantiningDeserializationHandler.TOPIC_CONFIG,
                QuarantiningDeserializationHandler.DETECTED_BY_CONFIG, "apicurio.registry.url"}) {
            Map<String, Object> streams = streamsConfig();
            streams.remove(missing);
            QuarantiningDeserializationHandler handler = handler(producer(true));

            assertThatThrownBy(() -> handler.configure(streams)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(missing);
        }
    }

    private QuarantiningDeserializationHandler handler(MockProducer<String, SpecificRecord> producer) {
        QuarantiningDeserializationHandler handler = new QuarantiningDeserializationHandler(config -> producer, meters,
                Clock.fixed(NOW, ZoneOffset.UTC));
        handler.configure(streamsConfig());
        return handler;
    }

    /** What Kafka Streams tells the handler besides the record, as its source node reading the telemetry topic. */
    private static ErrorHandlerContext context(ConsumerRecord<byte[], byte[]> record) {
        return new ErrorHandlerContext() {

            @Override
            public String topic() {
                return record.topic();
            }

            @Override
            public int partition() {
                return record.partition();
            }

            @Override
            public long offset() {
                return record.offset();
            }

            @Override
            public Headers headers() {
                return record.headers();
            }

            @Override
            public String processorNodeId() {
                return "telemetry-source";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, record.partition());
            }

            @Override
            public long timestamp() {
                return record.timestamp();
            }

            @Override
            public byte[] sourceRawKey() {
                return record.key();
            }

            @Override
            public byte[] sourceRawValue() {
                return record.value();
            }
        };
    }

    private static MockProducer<String, SpecificRecord> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(),
                (topic, value) -> value.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> streamsConfig() {
        Map<String, Object> streams = new HashMap<>();
        streams.put("application.id", "trestle-telemetry-aggregator");
        streams.put("bootstrap.servers", "kafka-0:9093");
        streams.put("apicurio.registry.url", "https://registry/apis/registry/v3");
        streams.put(QuarantiningDeserializationHandler.TOPIC_CONFIG, "trestle.integration.quarantine.v1");
        streams.put(QuarantiningDeserializationHandler.DETECTED_BY_CONFIG, "telemetry-aggregator");
        return streams;
    }

    private double count(String outcome) {
        return meters.counter(QuarantiningDeserializationHandler.METRIC, "topic", "trestle.equipment.telemetry.v1",
                "outcome", outcome).count();
    }
}
