package io.trestle.schedule.export.messaging;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schedule.export.MasterData.Published;
import io.trestle.schedule.export.config.PlannerExportConfig;
import io.trestle.schedule.export.health.ExportMetrics;
import io.trestle.schedule.export.health.ExportStatus;
import io.trestle.schedule.export.service.ProjectExporter;
import io.trestle.testkit.TrestleStack;
import io.trestle.testkit.kafka.TopicSpec;

/**
 * The export loop against the real broker and registry, outside Quarkus: topics and a consumer group of its own, the
 * configuration as properties, status and meters to look at, and loops that are stopped at the end.
 */
final class ExportHarness implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final ExportStatus status = new ExportStatus();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ExportMetrics metrics = new ExportMetrics(meters, status);
    final String group;
    private final TrestleStack stack;
    private final String projects;
    private final String tasks;
    private final String costCodes;
    private final String quarantine;
    private final Map<String, String> properties = new HashMap<>();
    private final List<PlannerExportLoop> loops = new ArrayList<>();
    private final KafkaProducer<String, SpecificRecord> producer;

    ExportHarness(TrestleStack stack) {
        this.stack = stack;
        String run = UUID.randomUUID().toString().substring(0, 8);
        projects = "export-test-projects-" + run;
        tasks = "export-test-tasks-" + run;
        costCodes = "export-test-cost-codes-" + run;
        quarantine = "export-test-quarantine-" + run;
        group = "export-test-" + run;
        // Several partitions, so a project's records are spread the way they are in production.
        stack.createTopics(TopicSpec.compacted(projects, 2), TopicSpec.compacted(tasks, 3),
                TopicSpec.compacted(costCodes, 2), TopicSpec.of(quarantine, 1));
        properties.put("trestle.schedule-connector.export.enabled", "true");
        properties.put("trestle.schedule-connector.export.consumer-group", group);
        properties.put("trestle.schedule-connector.export.topics.projects", projects);
        properties.put("trestle.schedule-connector.export.topics.project-tasks", tasks);
        properties.put("trestle.schedule-connector.export.topics.cost-codes", costCodes);
        properties.put("trestle.schedule-connector.export.topics.quarantine", quarantine);
        properties.put("trestle.schedule-connector.export.retry.initial-backoff", "PT0.1S");
        properties.put("trestle.schedule-connector.export.retry.max-backoff", "PT0.5S");
        properties.put("trestle.schedule-connector.export.poll-timeout", "PT0.2S");
        producer = stack.avro().producer();
    }

    ExportHarness planner(String url) {
        properties.put("trestle.schedule-connector.export.planner.url", url);
        properties.put("trestle.schedule-connector.export.planner.auth-header-value", "Bearer test-token");
        return this;
    }

    ExportHarness outbox(Path directory) {
        properties.put("trestle.schedule-connector.export.outbox.directory", directory.toString());
        return this;
    }

    PlannerExportConfig config() {
        return new SmallRyeConfigBuilder()
                .withMapping(PlannerExportConfig.class)
                // As Quarkus' own: an empty value is no value (Path.of("") would be the working directory).
                .withConverter(Path.class, 100, value -> value.isBlank() ? null : Path.of(value))
                .withSources(new PropertiesConfigSource(properties, "export-harness", 100))
                .build()
                .getConfigMapping(PlannerExportConfig.class);
    }

    /** Starts a loop, as the application would, and waits until it is live. */
    PlannerExportLoop start() {
        PlannerExportConfig config = config();
        PlannerExportLoop loop = new PlannerExportLoop(
                new ExportKafka(KafkaConnection.plaintext(stack.bootstrapServers()),
                        RegistryConnection.anonymous(stack.registryUrl())),
                config,
                new ProjectExporter(config.formats(), PlannerExport.targets(config), metrics), status, metrics);
        loops.add(loop);
        loop.start();
        await().atMost(PATIENCE).until(() -> status.snapshot().state() == ExportStatus.State.RUNNING);
        return loop;
    }

    /** Sends the records in order, each acknowledged before the next. */
    List<RecordMetadata> publish(Published... records) {
        List<RecordMetadata> sent = new ArrayList<>();
        for (Published record : records) {
            String topic = switch (record.kind()) {
                case PROJECT -> projects;
                case TASK -> tasks;
                case COST_CODE -> costCodes;
            };
            try {
                sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())).get());
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish " + record.key() + " to " + topic, e);
            }
        }
        return sent;
    }

    /** Waits until the export's group has committed past every one of the records. */
    void awaitCommitted(List<RecordMetadata> records) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return records.stream().allMatch(record -> {
                    OffsetAndMetadata commit = committed.get(new TopicPartition(record.topic(), record.partition()));
                    return commit != null && commit.offset() > record.offset();
                });
            });
        }
    }

    /** Moves the group's commit back to just before the record, as if the export had crashed before committing it. */
    void uncommit(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset()))).all().get();
        }
    }

    /** The quarantine entries, once there are at least this many. */
    List<GenericRecord> awaitQuarantined(int count) {
        List<GenericRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> consumer = stack.avro().consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(quarantine));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    found.add(record.value());
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    String projectsTopic() {
        return projects;
    }

    double meter(String name, String... tags) {
        var search = meters.find(name).tags(tags);
        if (search.counter() != null) {
            return search.counter().count();
        }
        return search.gauge() == null ? 0 : search.gauge().value();
    }

    void stop(PlannerExportLoop loop) throws InterruptedException {
        loop.stop();
        loops.remove(loop);
    }

    @Override
    public void close() throws InterruptedException {
        for (PlannerExportLoop loop : loops) {
            loop.stop();
        }
        producer.close();
    }
}
