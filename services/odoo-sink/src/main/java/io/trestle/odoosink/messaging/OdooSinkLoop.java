package io.trestle.odoosink.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.WriteOutcome;
import io.trestle.odoosink.health.SinkStatus;
import io.trestle.odoosink.service.AnalyticLineWriter;
import io.trestle.schema.cost.CostPosting;
import io.trestle.schema.operations.ErrorClass;

/**
 * Consumes cost postings and writes them into Odoo batch by batch, committing a batch's offsets only after Odoo
 * confirmed it and its outcomes are on Kafka.
 *
 * <p>
 * When Odoo fails transiently the loop keeps the batch, pauses every assigned partition (it keeps polling, so it stays
 * in its group without fetching) and retries with exponential backoff and jitter, honouring Odoo's Retry-After; nothing
 * is skipped and nothing is committed until Odoo took the batch. A redelivered batch (after a crash or a rebalance) is
 * harmless: lines are upserted by external id. When Odoo refuses the sink's credentials, rights or configuration,
 * retrying cannot help: the loop stops consuming, reports FAILED in health, and waits for a person.
 */
@ApplicationScoped
public class OdooSinkLoop {

    static final String DETECTED_BY = "odoo-sink";
    private static final Logger LOG = Logger.getLogger(OdooSinkLoop.class);

    private final KafkaClients clients;
    private final AnalyticLineWriter writer;
    private final SinkConfig config;
    private final SinkStatus status;
    private final Counter postedCounter;
    private final Counter rejectedCounter;
    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;
    private final Timer batchTimer;

    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    @Inject
    public OdooSinkLoop(KafkaClients clients, AnalyticLineWriter writer, SinkConfig config, SinkStatus status,
            MeterRegistry registry) {
        this.clients = clients;
        this.writer = writer;
        this.config = config;
        this.status = status;
        this.registry = registry;
        this.postedCounter = registry.counter("trestle.odoo.sink.postings", "outcome", "posted");
        this.rejectedCounter = registry.counter("trestle.odoo.sink.postings", "outcome", "rejected");
        this.batchSizes = DistributionSummary.builder("trestle.odoo.sink.batch.size")
                .description("Postings per Odoo call")
                .register(registry);
        this.batchTimer = Timer.builder("trestle.odoo.sink.batch.duration")
                .description("Time to write one batch into Odoo, retries excluded")
                .register(registry);
        registry.gauge("trestle.odoo.sink.lag", status, SinkStatus::lag);
        registry.gauge("trestle.odoo.sink.paused", status, s -> s.paused() ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "odoo-sink-loop");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = clients.consumer();
                KafkaProducer<String, SpecificRecord> producer = clients.producer();
                CostPostingDecoder decoder = clients.costPostingDecoder()) {
            this.consumer = kafka;
            OutcomePublisher outcomes = new OutcomePublisher(producer, config.topics(), Clock.systemUTC());
            Pending pending = new Pending();
            kafka.subscribe(List.of(config.topics().costPostings()), pending);
            status.running();
            while (running) {
                if (pending.batch.isEmpty()) {
                    if (!kafka.paused().isEmpty()) {
                        // the waiting batch was taken away by a rebalance; its partitions' new owner retries it
                        kafka.resume(kafka.paused());
                        status.running();
                    }
                    ConsumerRecords<String, byte[]> records = kafka.poll(config.batch().pollTimeout());
                    pending.take(records, decoder, outcomes);
                    updateLag(kafka);
                    if (pending.batch.isEmpty()) {
                        continue;
                    }
                }
                if (!writeAndCommit(kafka, outcomes, pending)) {
                    return;
                }
            }
        } catch (WakeupException stopping) {
            // shutdown requested while polling
        } catch (RuntimeException unexpected) {
            LOG.error("Odoo sink loop failed; nothing after the last committed batch was lost", unexpected);
            status.failed(unexpected.toString());
            return;
        }
        status.stopped();
    }

    /** @return false when the loop must stop because a person has to act */
    private boolean writeAndCommit(KafkaConsumer<String, byte[]> kafka, OutcomePublisher outcomes, Pending pending) {
        try {
            List<WriteOutcome> written = batchTimer.record(() -> writer.write(pending.postings()));
            outcomes.publish(written);
            kafka.commitSync(pending.offsets());
            long rejected = written.stream().filter(WriteOutcome.Rejected.class::isInstance).count();
            postedCounter.increment(written.size() - rejected);
            rejectedCounter.increment(rejected);
            batchSizes.record(written.size());
            status.counted(written.size() - rejected, rejected);
            if (pending.attempt > 0) {
                LOG.infof("Odoo took the waiting batch of %d posting(s) after %d attempt(s); resuming",
                        written.size(), pending.attempt + 1);
                kafka.resume(kafka.assignment());
            }
            status.running();
            pending.clear();
            return true;
        } catch (OdooException failure) {
            return handleFailure(kafka, outcomes, pending, failure);
        }
    }

    private boolean handleFailure(KafkaConsumer<String, byte[]> kafka, OutcomePublisher outcomes, Pending pending,
            OdooException failure) {
        registry.counter("trestle.odoo.sink.failures", "error_class", failure.errorClass().name()).increment();
        if (!failure.retryable()) {
            LOG.errorf("Odoo refused the sink (%s: %s). Not retrying: fix the credentials, access rights or "
                    + "configuration, then restart. %d posting(s) wait on Kafka; nothing was committed.",
                    failure.errorClass(), failure.getMessage(), pending.batch.size());
            outcomes.retrying(pending.postings(), ErrorClass.CONFIGURATION, failure.odooErrorName(),
                    failure.getMessage(), null, pending.attempt + 1);
            kafka.pause(kafka.assignment());
            status.failed(failure.errorClass() + ": " + failure.getMessage());
            return false;
        }
        pending.attempt++;
        Duration wait = backoff(pending.attempt, failure);
        Instant nextAttempt = Instant.now().plus(wait);
        LOG.warnf("Odoo unavailable (%s); batch of %d posting(s) kept, consumption paused, attempt %d in %s",
                failure.getMessage(), pending.batch.size(), pending.attempt + 1, wait);
        if (pending.attempt == 1) {
            outcomes.retrying(pending.postings(), ErrorClass.TECHNICAL, failure.odooErrorName(), failure.getMessage(),
                    nextAttempt, pending.attempt);
        }
        kafka.pause(kafka.assignment());
        status.waitingForOdoo(failure.getMessage(), pending.attempt);
        // Keep polling while waiting: the group must see the consumer alive; paused partitions fetch nothing.
        while (running && Instant.now().isBefore(nextAttempt)) {
            ConsumerRecords<String, byte[]> none = kafka.poll(Duration.between(Instant.now(), nextAttempt));
            if (!none.isEmpty()) {
                throw new IllegalStateException("paused consumer returned records");
            }
        }
        return true;
    }

    private Duration backoff(int attempt, OdooException failure) {
        long max = config.retry().maxBackoff().toMillis();
        long exponential = Math.min(max, config.retry().initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        long jittered = ThreadLocalRandom.current().nextLong(exponential / 2, exponential + 1);
        long retryAfter = failure.retryAfter().map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, Math.min(retryAfter, max)));
    }

    private void updateLag(KafkaConsumer<String, byte[]> kafka) {
        long lag = 0;
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong partitionLag = kafka.currentLag(partition);
            lag += partitionLag.orElse(0);
        }
        status.lag(lag);
    }

    /**
     * The batch being written, kept across retries. A rebalance that takes a partition away drops the batch: the new
     * owner reads it again from the last commit, and the upsert makes that harmless.
     */
    private final class Pending implements ConsumerRebalanceListener {

        private final List<PendingPosting> batch = new ArrayList<>();
        private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        private int attempt;

        void take(ConsumerRecords<String, byte[]> records, CostPostingDecoder decoder, OutcomePublisher outcomes) {
            for (ConsumerRecord<String, byte[]> record : records) {
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                CostPosting posting;
                try {
                    posting = decoder.decode(record.topic(), record.headers(), record.value());
                } catch (RuntimeException undecodable) {
                    // Not a posting this sink can read: dead-letter it verbatim rather than stall the partition.
                    LOG.warnf(undecodable, "Record %s-%d@%d is not a readable cost posting; dead-lettered",
                            record.topic(), record.partition(), record.offset());
                    outcomes.undecodable(record, undecodable);
                    rejectedCounter.increment();
                    continue;
                }
                batch.add(new PendingPosting(posting, record.topic(), record.partition(), record.offset(),
                        record.key(), record.value()));
            }
            if (batch.isEmpty() && !offsets.isEmpty()) {
                consumer.commitSync(offsets);
                offsets.clear();
            }
        }

        List<PendingPosting> postings() {
            return batch;
        }

        Map<TopicPartition, OffsetAndMetadata> offsets() {
            return offsets;
        }

        void clear() {
            batch.clear();
            offsets.clear();
            attempt = 0;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!batch.isEmpty()) {
                LOG.infof("Partitions %s revoked; the unwritten batch of %d will be read again by their new owner",
                        partitions, batch.size());
            }
            clear();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Nothing is waiting after a revocation cleared the batch, so new partitions are consumed at once.
        }
    }
}
