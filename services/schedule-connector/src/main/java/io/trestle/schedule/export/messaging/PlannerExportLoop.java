package io.trestle.schedule.export.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.trestle.schedule.export.config.PlannerExportConfig;
import io.trestle.schedule.export.delivery.DeliveryException;
import io.trestle.schedule.export.health.ExportMetrics;
import io.trestle.schedule.export.health.ExportStatus;
import io.trestle.schedule.export.service.ProjectExporter;
import io.trestle.schedule.export.structure.ProjectSkeleton;
import io.trestle.schedule.export.structure.ProjectStructure;
import io.trestle.schedule.export.structure.StructureChange;

/**
 * Keeps the planner's project structures aligned with Odoo's master data, on a thread of its own.
 *
 * <p>
 * On start it rebuilds the structure from the compacted master-data topics up to the group's committed offsets: that is
 * what the planner already has ({@link ExportPositions}), so no store of its own is needed. From there it folds record
 * by record; whenever a project's skeleton differs from what the planner last got, it delivers it (every configured
 * format to every target), and commits the offsets only once the targets have it. A record that changes nothing the
 * planner sees is committed without a delivery.
 *
 * <p>
 * When a target cannot take an update, the loop keeps the update, pauses every partition and retries with capped
 * exponential backoff (honouring Retry-After): everything after it waits in Kafka, and updates go out in order, each
 * once. A crash between a delivery and its commit sends the same bytes again with the same Idempotency-Key. A file the
 * planner refuses for its content is quarantined and the loop moves on. An unexpected failure (Kafka unreachable, a
 * bug) ends the run; it starts again after a backoff, rebuilding from the topics, and loses nothing.
 */
final class PlannerExportLoop {

    private static final Logger LOG = Logger.getLogger(PlannerExportLoop.class);

    private final ExportKafka kafka;
    private final PlannerExportConfig config;
    private final ProjectExporter exporter;
    private final ExportStatus status;
    private final ExportMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    /** Failed runs since the last that got to live consumption; sets the wait before the next. */
    private int failedRuns;

    PlannerExportLoop(ExportKafka kafka, PlannerExportConfig config, ProjectExporter exporter, ExportStatus status,
            ExportMetrics metrics) {
        this.kafka = kafka;
        this.config = config;
        this.exporter = exporter;
        this.status = status;
        this.metrics = metrics;
    }

    void start() {
        running = true;
        status.starting();
        thread = new Thread(this::supervise, "planner-export");
        thread.start();
    }

    /** Stops without committing what is not delivered: the next start takes it up again. */
    void stop() throws InterruptedException {
        running = false;
        stopRequested.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void supervise() {
        while (running) {
            try {
                new Run().execute();
            } catch (WakeupException stopping) {
                // stop() interrupted a poll
            } catch (RuntimeException e) {
                failedRuns++;
                Duration wait = backoff(failedRuns, Optional.empty());
                LOG.errorf(e, "Planner export failed; nothing after the last committed offsets is lost. Starting "
                        + "again in %s", wait);
                status.failed(e.toString(), 0);
                try {
                    stopRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        status.stopped();
    }

    private Duration backoff(int attempt, Optional<Duration> retryAfter) {
        long max = config.retry().maxBackoff().toMillis();
        long exponential = Math.min(max, config.retry().initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        long asked = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(exponential, Math.min(asked, max)));
    }

    /** One run: a consumer, a structure rebuilt from the topics, then live. */
    private final class Run {

        private final ProjectStructure structure = new ProjectStructure();
        /** Per project, the skeleton the planner last got (or refused). */
        private final Map<String, ProjectSkeleton> delivered = new HashMap<>();
        private KafkaConsumer<String, byte[]> kafkaConsumer;
        private MasterDataInput input;
        private QuarantinePublisher quarantine;
        private ExportPositions positions;
        private Set<TopicPartition> partitions;
        private Instant lagRefreshedAt = Instant.EPOCH;

        void execute() {
            try (KafkaConsumer<String, byte[]> opened = kafka.consumer(config.consumerGroup());
                    KafkaProducer<String, SpecificRecord> producer = kafka.producer();
                    MasterDataInput master = new MasterDataInput(config.topics(), kafka.deserializer())) {
                kafkaConsumer = opened;
                consumer = opened;
                if (!running) {
                    return;
                }
                input = master;
                quarantine = new QuarantinePublisher(producer, config.topics().quarantine(), clock);
                partitions = partitions();
                kafkaConsumer.assign(partitions);
                positions = ExportPositions.read(kafkaConsumer, partitions);
                status.starting();
                rebuild();
                failedRuns = 0;
                status.running();
                catchUp();
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(config.pollTimeout())) {
                        handle(record);
                    }
                    if (positions.dirty()) {
                        positions.commit(kafkaConsumer);
                    }
                    refreshLag(false);
                }
            } finally {
                consumer = null;
            }
        }

        private Set<TopicPartition> partitions() {
            Set<TopicPartition> all = new HashSet<>();
            for (String topic : input.topics()) {
                List<PartitionInfo> infos = kafkaConsumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist (or this client may not "
                            + "describe it)");
                }
                infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
            }
            return all;
        }

        /**
         * Folds every partition from its beginning up to its start position. Partitions that got there are paused so
         * they fetch no further; records a poll brings beyond are read again once live.
         */
        private void rebuild() {
            kafkaConsumer.seekToBeginning(partitions);
            Set<TopicPartition> pending = new HashSet<>(partitions);
            long records = 0;
            while (true) {
                for (TopicPartition partition : new ArrayList<>(pending)) {
                    if (kafkaConsumer.position(partition) >= positions.start(partition)) {
                        kafkaConsumer.pause(List.of(partition));
                        pending.remove(partition);
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(config.pollTimeout())) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < positions.start(partition)) {
                        fold(record);
                        records++;
                    }
                }
            }
            partitions.forEach(partition -> kafkaConsumer.seek(partition, positions.start(partition)));
            kafkaConsumer.resume(partitions);
            if (!positions.firstStart()) {
                structure.projectIds()
                        .forEach(project -> structure.skeleton(project).ifPresent(s -> delivered.put(project, s)));
            }
            LOG.infof("Planner export rebuilt %d project(s) from %d master-data record(s)%s",
                    structure.projectIds().size(), records, positions.firstStart()
                            ? "; first start: every project is delivered once"
                            : "");
        }

        /** On a first start every project goes out once; later starts find nothing here. */
        private void catchUp() {
            for (String project : structure.projectIds()) {
                exportIfChanged(project, false, null);
            }
            if (positions.firstStart()) {
                positions.commit(kafkaConsumer);
            }
            refreshLag(true);
        }

        private void handle(ConsumerRecord<String, byte[]> record) {
            StructureChange change = fold(record);
            positions.processed(record);
            boolean deliveredAny = false;
            for (String project : change.projects().stream().sorted(ProjectStructure.ID_ORDER).toList()) {
                deliveredAny |= exportIfChanged(project, change.uncertain(), record);
            }
            if (deliveredAny) {
                positions.commit(kafkaConsumer);
            }
        }

        /** Folds a record; one that cannot be read is quarantined the first time the export handles it, and skipped. */
        private StructureChange fold(ConsumerRecord<String, byte[]> record) {
            try {
                return input.apply(structure, record);
            } catch (MalformedRecordException e) {
                if (!positions.handledBefore(record)) {
                    LOG.warnf("Record %s-%d@%d quarantined: %s", record.topic(), record.partition(), record.offset(),
                            e.getMessage());
                    quarantine.malformed(record, e);
                    metrics.failed("malformed");
                }
                return StructureChange.NONE;
            }
        }

        /** @return whether the project was delivered */
        private boolean exportIfChanged(String projectId, boolean force, ConsumerRecord<String, byte[]> trigger) {
            Optional<ProjectSkeleton> skeleton = structure.skeleton(projectId);
            if (skeleton.isEmpty() || !force && skeleton.get().equals(delivered.get(projectId))) {
                return false;
            }
            deliver(exporter.prepare(skeleton.get(), positions.nextVersion()), trigger);
            delivered.put(projectId, skeleton.get());
            return true;
        }

        /** Returns once every target has the update, or refused it for its content; waits as long as that takes. */
        private void deliver(ProjectExporter.Update update, ConsumerRecord<String, byte[]> trigger) {
            int attempt = 0;
            while (true) {
                Optional<DeliveryException> failure = update.deliver(rejected -> {
                    LOG.warnf("%s; %s quarantined, the export moves on", rejected.reason().getMessage(),
                            rejected.delivery().fileName());
                    quarantine.rejected(rejected, trigger);
                });
                if (failure.isEmpty()) {
                    if (attempt > 0) {
                        LOG.infof("Planner took %s after %d attempt(s); resuming", update.skeleton().key(),
                                attempt + 1);
                        kafkaConsumer.resume(partitions);
                        status.running();
                    }
                    return;
                }
                attempt++;
                DeliveryException problem = failure.get();
                Duration wait = backoff(attempt, problem.retryAfter());
                kafkaConsumer.pause(partitions);
                if (problem.kind() == DeliveryException.Kind.REFUSED) {
                    LOG.errorf("%s; a person has to act (credentials, rights, URL). %s and everything after it "
                            + "wait in Kafka; attempt %d in %s", problem.getMessage(), update.skeleton().key(),
                            attempt + 1, wait);
                    status.failed(problem.getMessage(), attempt);
                } else {
                    LOG.warnf("%s; %s and everything after it wait in Kafka, attempt %d in %s", problem.getMessage(),
                            update.skeleton().key(), attempt + 1, wait);
                    status.waitingForPlanner(problem.getMessage(), attempt);
                }
                waitOut(wait);
            }
        }

        /**
         * Polls the paused consumer until the wait is over: it fetches nothing, wakes up at once for a stop, and keeps
         * the backlog gauge current.
         */
        private void waitOut(Duration wait) {
            Instant until = clock.instant().plus(wait);
            while (true) {
                Duration left = Duration.between(clock.instant(), until);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                if (!kafkaConsumer.poll(min(left, config.pollTimeout())).isEmpty()) {
                    throw new IllegalStateException("a paused consumer returned records");
                }
                refreshLag(false);
            }
        }

        /**
         * At most once per poll timeout: it asks the broker for the partitions' ends. A broker too slow to answer keeps
         * the last value; it is no reason to stop exporting.
         */
        private void refreshLag(boolean now) {
            Instant current = clock.instant();
            if (!now && Duration.between(lagRefreshedAt, current).compareTo(config.pollTimeout()) < 0) {
                return;
            }
            lagRefreshedAt = current;
            try {
                status.lag(positions.lag(kafkaConsumer.endOffsets(partitions, config.pollTimeout())));
            } catch (TimeoutException slow) {
                LOG.debugf("Backlog not refreshed: %s", slow.getMessage());
            }
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) < 0 ? a : b;
        }
    }
}
