package io.trestle.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.opentest4j.AssertionFailedError;

/**
 * Polls a consumer until it has received enough records or a deadline passes. It returns as soon as the count is
 * reached, so a passing test never waits for the timeout, and a failing one says what did arrive.
 *
 * <pre>{@code
 *
 * List<ConsumerRecord<String, GenericRecord>> records = ConsumeUntil.records(consumer, "orders", 3,
 *         Duration.ofSeconds(10));
 * }</pre>
 */
public final class ConsumeUntil {

    /** Received records listed in a failure message; the rest are only counted. */
    private static final int SHOWN_IN_FAILURE = 20;

    private ConsumeUntil() {
    }

    /** Subscribes the consumer to the topic, then behaves like {@link #records(Consumer, int, Duration)}. */
    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, String topic, int expected,
            Duration timeout) {
        consumer.subscribe(List.of(topic));
        return records(consumer, expected, timeout);
    }

    /**
     * Polls an already subscribed or assigned consumer until at least {@code expected} records have arrived.
     *
     * @return every record polled, in arrival order: at least {@code expected}, more if the last poll brought more
     * @throws AssertionFailedError
     *             when the timeout passes first, listing the records received so far
     */
    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int expected, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < expected) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionFailedError(failureMessage(consumer, expected, timeout, received), expected,
                        received.size());
            }
            // poll returns as soon as records arrive, so the remaining time is an upper bound, not a wait.
            consumer.poll(Duration.ofNanos(remaining)).forEach(received::add);
        }
        return received;
    }

    private static String failureMessage(Consumer<?, ?> consumer, int expected, Duration timeout,
            List<? extends ConsumerRecord<?, ?>> received) {
        StringBuilder message = new StringBuilder().append("Expected at least ").append(expected)
                .append(" record(s) from ").append(source(consumer)).append(" within ").append(timeout)
                .append(" but received ").append(received.size());
        received.stream().limit(SHOWN_IN_FAILURE).forEach(record -> message.append(System.lineSeparator())
                .append("  ").append(record.topic()).append('-').append(record.partition()).append('@')
                .append(record.offset()).append(" key=").append(record.key()).append(" value=").append(record.value()));
        if (received.size() > SHOWN_IN_FAILURE) {
            message.append(System.lineSeparator()).append("  … and ").append(received.size() - SHOWN_IN_FAILURE)
                    .append(" more");
        }
        return message.toString();
    }

    private static String source(Consumer<?, ?> consumer) {
        Set<String> topics = consumer.subscription();
        if (topics.isEmpty()) {
            topics = consumer.assignment().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        }
        return topics.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
