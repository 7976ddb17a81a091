package io.trestle.testkit.kafka;

/** A running Kafka broker a test can reach: in this JVM ({@link LocalKafka}) or in a container. */
public interface KafkaBroker {

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    /** Creates topics that do not exist yet; see {@link KafkaTopics#create(String, TopicSpec...)}. */
    default void createTopics(TopicSpec... topics) {
        KafkaTopics.create(bootstrapServers(), topics);
    }
}
