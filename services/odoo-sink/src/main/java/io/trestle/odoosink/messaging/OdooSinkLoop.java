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
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.Consumed;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.health.SinkStatus;
import io.trestle.schema.operations.ErrorClass;

/**
 * Consumes one input topic and writes it into Odoo batch by batch, committing a batch's offsets only after Odoo
 * confirmed it and its outcomes are on Kafka. Each input has its own loop, thread and consumer, so an input Odoo
 * refuses does not hold back the others' batches.
 *
 * <p>
 * When Odoo fails transiently the loop keeps the batch, pauses every assigned partition (it keeps polling, so it stays
 * in its group without fetching) and retries with exponential backoff and jitter, honouring Odoo's Retry-After; nothing
 * is skipped and nothing is committed until Odoo took the batch. A redelivered batch (after a crash or a rebalance) is
 * harmless: records are upserted by external id. When Odoo refuses the sink's credentials, rights or configuration,
 * retrying cannot help: the loop stops consuming, reports FAILED in health, and waits for a person.
 */
final class OdooSinkLoop<T extends SpecificRecord, P extends Consumed> {

    private static final Logger LOG = Logger.getLogger(OdooSinkLoop.class);

    private final SinkInput<T, P> input;
    private final KafkaClients clients;
    private final SinkConfig config;
    private final SinkStatus.Input status;
    private final Counter postedCounter;
    private final Counter alreadyPostedCounter;
    private final Counter skippedCounter;
    private final Counter rejectedCounter;
    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;
    private final Timer batchTimer;

    private volatile boolean running;
    private Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;

    OdooSinkLoop(SinkInput<T, P> input, KafkaClients clients, SinkConfig config, SinkStatus status,
            MeterRegistry registry) {
        this.input = input;
        this.clients = clients;
        this.config = config;
        this.status = status.input(input.name());
        this.registry = registry;
        Tags tags = Tags.of("input", input.name());
        this.postedCounter = registry.counter("trestle.odoo.sink.postings", tags.and("outcome", "posted"));
        this.alreadyPostedCounter = registry.counter("trestle.odoo.sink.postings",
                tags.and("outcome", "already_posted"));
        this.skippedCounter = registry.counter("trestle.odoo.sink.postings", tags.and("outcome", "skipped"));
        this.rejectedCounter = registry.counter("trestle.odoo.sink.postings", tags.and("outcome", "rejected"));
        this.batchSizes = DistributionSummary.builder("trestle.odoo.sink.batch.size")
                .description("Records per Odoo call")
                .tags(tags)
                .register(registry);
        this.batchTimer = Timer.builder("trestle.odoo.sink.batch.duration")
                .description("Time to write one batch into Odoo, retries excluded")
                .tags(tags)
                .register(registry);
        registry.gauge("trestle.odoo.sink.lag", tags, this.status, SinkStatus.Input::lag);
        registry.gauge("trestle.odoo.sink.paused", tags, this.status, s -> s.paused() ? 1 : 0);
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "odoo-sink-" + input.name());
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = clients.consumer(input.name());
                KafkaProducer<String, SpecificRecord> producer = clients.producer();
                AvroDecoder<T> decoder = clients.decoder(input.eventType(), input.schema())) {
            this.consumer = kafka;
            OutcomePublisher outcomes = new OutcomePublisher(producer, config.topics(), Clock.systemUTC());
            Pending pending = new Pending();
            kafka.subscribe(List.of(input.topic()), pending);
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
            LOG.errorf(unexpected, "Odoo sink loop of %s failed; nothing after the last committed batch was lost",
                    input.name());
            status.failed(unexpected.toString());
            return;
        }
        status.stopped();
    }

    /** @return false when the loop must stop because a person has to act */
    private boolean writeAndCommit(KafkaConsumer<String, byte[]> kafka, OutcomePublisher outcomes, Pending pending) {
        try {
            List<SinkResult> written = batchTimer.record(() -> input.write(pending.batch));
            outcomes.publish(written);
            kafka.commitSync(pending.offsets());
            long posted = written.stream().filter(SinkResult.Posted.class::isInstance).count();
            long alreadyPosted = written.stream().filter(SinkResult.AlreadyPosted.class::isInstance).count();
            long skipped = written.stream().filter(SinkResult.Skipped.class::isInstance).count();
            long rejected = written.stream().filter(SinkResult.Rejected.class::isInstance).count();
            postedCounter.increment(posted);
            alreadyPostedCounter.increment(alreadyPosted);
            skippedCounter.increment(skipped);
            rejectedCounter.increment(rejected);
            batchSizes.record(written.size());
            status.counted(posted + alreadyPosted, rejected);
            if (pending.attempt > 0) {
                LOG.infof("Odoo took the waiting batch of %d %s record(s) after %d attempt(s); resuming",
                        written.size(), input.name(), pending.attempt + 1);
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
        registry.counter("trestle.odoo.sink.failures", "input", input.name(), "error_class",
                failure.errorClass().name()).increment();
        if (!failure.retryable()) {
            LOG.errorf("Odoo refused the sink (%s: %s). Not retrying: fix the credentials, access rights or "
                    + "configuration, then restart. %d %s record(s) wait on Kafka; nothing was committed.",
                    failure.errorClass(), failure.getMessage(), pending.batch.size(), input.name());
            outcomes.retrying(pending.batch, input.model(), ErrorClass.CONFIGURATION, failure.odooErrorName(),
                    failure.getMessage(), null, pending.attempt + 1);
            kafka.pause(kafka.assignment());
            status.failed(failure.errorClass() + ": " + failure.getMessage());
            return false;
        }
        pending.attempt++;
        Duration wait = backoff(pending.attempt, failure);
        Instant nextAttempt = Instant.now().plus(wait);
        LOG.warnf("Odoo unavailable (%s); batch of %d %s record(s) kept, consumption paused, attempt %d in %s",
                failure.getMessage(), pending.batch.size(), input.name(), pending.attempt + 1, wait);
        if (pending.attempt == 1) {
            outcomes.retrying(pending.batch, input.model(), ErrorClass.TECHNICAL, failure.odooErrorName(),
                    failure.getMessage(),
                    nextAttempt, pending.attempt);
        }
        kafka.pause(kafka.assignment());
        status.waitingForOdoo(failure.getMessage(), pending.attempt);
        // Keep polling while waiting: the group must see the consumer alive; paused partitions fetch nothing, and
        // partitions a rebalance assigns meanwhile are paused on arrival. A rebalance that takes the partitions away
        // drops the batch, which ends the wait.
        pending.waiting = true;
        try {
            while (running && !pending.batch.isEmpty()) {
                Duration left = Duration.between(Instant.now(), nextAttempt);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                ConsumerRecords<String, byte[]> none = kafka.poll(left);
                if (!none.isEmpty()) {
                    throw new IllegalStateException("paused consumer returned records");
                }
            }
        } finally {
            pending.waiting = false;
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

        private final List<P> batch = new ArrayList<>();
        private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        private int attempt;
        /** True while the loop waits out a backoff: nothing may be fetched until it is over. */
        private boolean waiting;

        void take(ConsumerRecords<String, byte[]> records, AvroDecoder<T> decoder, OutcomePublisher outcomes) {
            for (ConsumerRecord<String, byte[]> record : records) {
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                T event;
                try {
                    event = decoder.decode(record.topic(), record.headers(), record.value());
                } catch (RuntimeException undecodable) {
                    // Not an event this sink can read: dead-letter it verbatim rather than stall the partition.
                    LOG.warnf(undecodable, "Record %s-%d@%d is not a readable %s; dead-lettered", record.topic(),
                            record.partition(), record.offset(), input.name());
                    outcomes.undecodable(record, input.name(), undecodable);
                    rejectedCounter.increment();
                    continue;
                }
                batch.add(input.consumed(event, record));
            }
            if (batch.isEmpty() && !offsets.isEmpty()) {
                consumer.commitSync(offsets);
                offsets.clear();
            }
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
            if (waiting) {
                consumer.pause(partitions);
            }
        }
    }
}
