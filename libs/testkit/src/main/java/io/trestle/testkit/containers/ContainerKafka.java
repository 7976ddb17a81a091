package io.trestle.testkit.containers;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.trestle.testkit.kafka.KafkaBroker;
import io.trestle.testkit.kafka.KafkaVersions;

/**
 * A single-node KRaft broker in a container, by default the official {@code apache/kafka} image of the same Kafka
 * release as the clients ({@value #IMAGE_PROPERTY} overrides it). Testcontainers already configures the internal topics
 * for one node, including the transaction state log, and a zero initial rebalance delay.
 */
public final class ContainerKafka implements KafkaBroker, AutoCloseable {

    public static final String IMAGE_PROPERTY = "trestle.kafka.image";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    public static ContainerKafka start() {
        DockerAvailability.require("A container Kafka was asked for");
        String image = System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + KafkaVersions.brokerVersion());
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
