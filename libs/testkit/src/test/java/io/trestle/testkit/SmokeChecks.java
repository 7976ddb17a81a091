package io.trestle.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.trestle.testkit.kafka.AvroClients;
import io.trestle.testkit.kafka.ConsumeUntil;
import io.trestle.testkit.kafka.KafkaBroker;
import io.trestle.testkit.kafka.TopicSpec;
import io.trestle.testkit.postgres.PostgresServer;
import io.trestle.testkit.registry.SchemaRegistry;

/** The checks every flavour of the infrastructure (in-JVM, shared, containers) has to pass. */
public final class SmokeChecks {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private SmokeChecks() {
    }

    public static Schema readingSchema() {
        try (InputStream in = SmokeChecks.class.getResourceAsStream("/avro/smoke-reading.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GenericRecord reading(String sensor, double value) {
        GenericRecord reading = new GenericData.Record(readingSchema());
        reading.put("sensor", sensor);
        reading.put("value", value);
        return reading;
    }

    /** A unique name, because test classes share one broker. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Sends an Avro record with the Apicurio serde, reads it back, and checks what the registry and the wire hold: the
     * schema under both APIs, and Apicurio's default framing (magic byte 0, 4-byte content id).
     */
    public static void avroRoundTrip(KafkaBroker kafka, SchemaRegistry registry) throws Exception {
        String topic = uniqueTopic("smoke-avro");
        kafka.createTopics(TopicSpec.of(topic, 2));
        AvroClients avro = new AvroClients(kafka.bootstrapServers(), registry.apicurioUrl());
        try (KafkaProducer<String, GenericRecord> producer = avro.producer();
                KafkaConsumer<String, GenericRecord> consumer = avro.consumer(topic + "-reader")) {
            producer.send(new ProducerRecord<>(topic, "excavator-7", reading("excavator-7", 42.5))).get();
            List<ConsumerRecord<String, GenericRecord>> records = ConsumeUntil.records(consumer, topic, 1, TIMEOUT);
            GenericRecord value = records.get(0).value();
            assertThat(value.getSchema().getFullName()).isEqualTo("io.trestle.testkit.smoke.SmokeReading");
            assertThat(value.get("sensor")).hasToString("excavator-7");
            assertThat(value.get("value")).isEqualTo(42.5);
        }
        assertThat(get(registry.apicurioUrl() + "/groups/default/artifacts/" + topic + "-value")).isEqualTo(200);
        assertThat(body(registry.ccompatUrl() + "/subjects")).contains(topic + "-value");
        assertThat(rawValues(kafka, topic, 1).get(0)[0]).as("Apicurio magic byte").isZero();
    }

    /** A committed transaction is visible to read_committed consumers, an aborted one is not. */
    public static void transactionalProduce(KafkaBroker kafka) throws Exception {
        String topic = uniqueTopic("smoke-tx");
        kafka.createTopics(TopicSpec.of(topic));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<ConsumerRecord<String, String>> records = ConsumeUntil.records(consumer, topic, 2, TIMEOUT);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
        }
    }

    /** What Debezium needs: logical WAL, and a pgoutput slot can be created (and is dropped again). */
    public static void logicalReplication(PostgresServer postgres) throws SQLException {
        String database = "smoke_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabase(database);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            try (ResultSet walLevel = statement.executeQuery("SHOW wal_level")) {
                walLevel.next();
                assertThat(walLevel.getString(1)).isEqualTo("logical");
            }
            try (ResultSet slot = statement
                    .executeQuery(
                            "SELECT slot_name FROM pg_create_logical_replication_slot('smoke_slot', 'pgoutput')")) {
                slot.next();
                assertThat(slot.getString(1)).isEqualTo("smoke_slot");
            }
            statement.execute("SELECT pg_drop_replication_slot('smoke_slot')");
            try (ResultSet slots = statement.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
                slots.next();
                assertThat(slots.getInt(1)).isZero();
            }
        }
    }

    private static List<byte[]> rawValues(KafkaBroker kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-raw",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            return ConsumeUntil.records(consumer, topic, expected, TIMEOUT).stream().map(ConsumerRecord::value)
                    .toList();
        }
    }

    private static int get(String url) throws IOException, InterruptedException {
        return send(url).statusCode();
    }

    private static String body(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url);
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> send(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
