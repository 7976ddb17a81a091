package io.trestle.testkit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
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

    /** The super user of a broker started {@link #startWithSasl with SASL}: it may do anything, ACLs or not. */
    public static final String SASL_ADMIN = "plain-admin";
    private static final String SASL_ADMIN_PASSWORD = "plain-admin-secret";

    private final KafkaClusterTestKit cluster;
    private final Duration startupTime;
    private final Map<String, String> saslPasswords;

    private LocalKafka(KafkaClusterTestKit cluster, Duration startupTime, Map<String, String> saslPasswords) {
        this.cluster = cluster;
        this.startupTime = startupTime;
        this.saslPasswords = saslPasswords;
    }

    /** Formats, starts and waits for a single-node broker; takes a few seconds. */
    public static LocalKafka start() {
        return start(SecurityProtocol.PLAINTEXT, Map.of());
    }

    /**
     * A broker as a production cluster is run: clients must authenticate (SASL/PLAIN over {@code SASL_PLAINTEXT}) and
     * may do only what ACLs allow them ({@code StandardAuthorizer}, nothing allowed without an ACL). Besides the given
     * users there is {@link #SASL_ADMIN}, a super user, for a test to create topics and ACLs with.
     *
     * @param passwordsByUser
     *            the users clients may log in as
     */
    public static LocalKafka startWithSasl(Map<String, String> passwordsByUser) {
        Map<String, String> passwords = new HashMap<>(passwordsByUser);
        passwords.put(SASL_ADMIN, SASL_ADMIN_PASSWORD);
        return start(SecurityProtocol.SASL_PLAINTEXT, passwords);
    }

    private static LocalKafka start(SecurityProtocol protocol, Map<String, String> saslPasswords) {
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
                    .setBrokerSecurityProtocol(protocol)
                    // The controller authorizes the broker's registration too: as the super user, not anonymously.
                    .setControllerSecurityProtocol(protocol)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            if (protocol == SecurityProtocol.SASL_PLAINTEXT) {
                // Kafka's test kit knows two fixed users; this listener setting replaces them with the test's own.
                builder.setConfigProp("listener.name." + nodes.brokerListenerName().value().toLowerCase()
                        + ".plain.sasl.jaas.config", serverJaas(saslPasswords));
            }
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
        LocalKafka kafka = new LocalKafka(cluster, startupTime, Map.copyOf(saslPasswords));
        LOG.info("In-JVM Kafka {} ready at {} ({}) in {} ms", KafkaVersions.brokerVersion(),
                kafka.bootstrapServers(), protocol, startupTime.toMillis());
        return kafka;
    }

    private static String serverJaas(Map<String, String> passwords) {
        return PlainLoginModule.class.getName() + " required username=\"" + SASL_ADMIN + "\" password=\""
                + SASL_ADMIN_PASSWORD + "\" " + passwords.entrySet().stream()
                        .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                        .collect(Collectors.joining(" "))
                + ";";
    }

    /**
     * The settings a client logs in with as {@code user} on a broker started {@link #startWithSasl with SASL}, as
     * {@code kafka.*} properties without the prefix.
     */
    public Map<String, String> saslClientConfig(String user) {
        String password = saslPasswords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SASL user " + user + " on this broker; it has " + saslPasswords
                    .keySet());
        }
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN", SaslConfigs.SASL_JAAS_CONFIG,
                PlainLoginModule.class.getName() + " required username=\"" + user + "\" password=\"" + password
                        + "\";");
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * The settings of an admin client that may do anything here: the bootstrap servers and, on a broker started
     * {@link #startWithSasl with SASL}, the login of {@link #SASL_ADMIN}.
     */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (saslPasswords.containsKey(SASL_ADMIN)) {
            config.putAll(saslClientConfig(SASL_ADMIN));
        }
        return config;
    }

    @Override
    public void createTopics(TopicSpec... topics) {
        KafkaTopics.create(adminConfig(), topics);
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
