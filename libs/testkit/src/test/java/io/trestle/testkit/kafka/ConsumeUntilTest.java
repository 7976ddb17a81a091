package io.trestle.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

import io.trestle.testkit.SmokeChecks;
import io.trestle.testkit.TrestleStack;

class ConsumeUntilTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafka();

    @Test
    void returnsAsSoonAsTheExpectedRecordsArrived() throws Exception {
        String topic = SmokeChecks.uniqueTopic("until-ok");
        stack.createTopics(TopicSpec.of(topic));
        produce(topic, "a", "b", "c");

        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            List<ConsumerRecord<String, String>> records = ConsumeUntil.records(consumer, topic, 3,
                    Duration.ofMinutes(2));
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("a", "b", "c");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void failsAtTheDeadlineNamingWhatArrived() throws Exception {
        String topic = SmokeChecks.uniqueTopic("until-short");
        stack.createTopics(TopicSpec.of(topic));
        produce(topic, "only-one");

        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            assertThatThrownBy(() -> ConsumeUntil.records(consumer, topic, 2, Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith(
                            "Expected at least 2 record(s) from [" + topic + "] within PT5S but received 1")
                    .hasMessageContaining(topic + "-0@0 key=key value=only-one");
        }
    }

    @Test
    void failsOnAnEmptyTopic() {
        String topic = SmokeChecks.uniqueTopic("until-empty");
        stack.createTopics(TopicSpec.of(topic));

        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            assertThatThrownBy(() -> ConsumeUntil.records(consumer, topic, 1, Duration.ofMillis(1500)))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessage("Expected at least 1 record(s) from [" + topic + "] within PT1.5S but received 0");
        }
    }

    private static void produce(String topic, String... values) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }
}
