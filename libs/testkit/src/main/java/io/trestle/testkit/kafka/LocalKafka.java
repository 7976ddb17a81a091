package io.trestle.testkit.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka broker inside the test JVM: one node acting as broker and controller, on an ephemeral port, with
 * its log directories in a temporary folder that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopics(TopicSpec.of("orders", 3), TopicSpec.compacted("equipment", 1));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements KafkaBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    /**
     * A single node cannot satisfy the production replication defaults (3) of the internal topics; without these the
     * first consumer group, transaction or Kafka Streams {@code exactly_once_v2} application would hang. One partition
     * for the internal topics keeps their creation fast.
     */
    private static final Map<String, String> SINGLE_NODE_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("num.partitions", "1"),
            Map.entry("auto.create.topics.enable", "true"),
            // Tests start consumers one after another; the default 3 s delay would stall each first poll.
            Map.entry("group.initial.rebalance.delay.ms", "0"));

    private final KafkaClusterTestKit cluster;
    private final Duration startupTime;

    private LocalKafka(KafkaClusterTestKit cluster, Duration startupTime) {
        this.cluster = cluster;
        this.startupTime = startupTime;
    }

    /** Formats, starts and waits for a single-node broker; takes a few seconds. */
    public static LocalKafka start() {
        KafkaVersions.requireMatchingClients();
        keepTheJvmOnKafkaFaults();
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new IllegalStateException("Interrupted while starting the in-JVM Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("The in-JVM Kafka broker did not start", e);
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LocalKafka kafka = new LocalKafka(cluster, startupTime);
        LOG.info("In-JVM Kafka {} ready at {} in {} ms", KafkaVersions.brokerVersion(),
                kafka.bootstrapServers(), startupTime.toMillis());
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long {@link #start()} took, from formatting to a ready broker. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the in-JVM Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("The in-JVM Kafka broker did not stop cleanly", e);
        }
    }

    /**
     * A Kafka server ends the process on a fatal fault ({@code Exit.halt}); a broker stopped by the test JVM's shutdown
     * hook can meet one while its threads wind down, and the non-zero exit then fails a build whose tests all passed
     * (surefire: "Error occurred in starting fork"). In a test JVM the fault is logged instead; a test that needs the
     * broker sees it fail anyway.
     */
    private static void keepTheJvmOnKafkaFaults() {
        Exit.setExitProcedure((status, message) -> LOG.warn("Kafka asked to exit with {} ({}); ignored in tests",
                status, message));
        Exit.setHaltProcedure((status, message) -> LOG.warn("Kafka asked to halt with {} ({}); ignored in tests",
                status, message));
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Could not clean up a Kafka broker that failed to start", e);
        }
    }
}
