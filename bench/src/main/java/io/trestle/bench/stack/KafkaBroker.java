package io.trestle.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

import io.trestle.bench.process.BenchHome;
import io.trestle.bench.process.ManagedProcess;

/**
 * A one-node KRaft broker as its own process, configured like the local stack's (deploy/local/trestle-local.sh) but on
 * the benchmark's own ports and state folder: broker and controller in one process, every replication factor 1 (so
 * {@code exactly_once_v2} works), no auto-created topics. Production defaults otherwise: no fsync per write, default
 * thread counts.
 */
public final class KafkaBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOST = "127.0.0.1";

    private final ManagedProcess process;
    private final String bootstrap;

    private KafkaBroker(ManagedProcess process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    public static KafkaBroker start(BenchHome home, int port, int controllerPort, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path dir = home.state().resolve("kafka");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(port, controllerPort, dir.resolve("data")));
        format(home, config);
        Path logs = home.logs().resolve("kafka");
        Files.createDirectories(logs);
        List<String> arguments = List.of(
                "-Dlog4j2.configurationFile=" + home.repository().resolve("deploy/local/config/kafka-log4j2.xml"),
                "-Dkafka.logs.dir=" + logs, "-cp", BenchHome.classpath(home.kafkaLib()), "kafka.Kafka",
                config.toString());
        ManagedProcess process = ManagedProcess.startJava("kafka", home, jvmOptions, arguments, dir, Map.of());
        process.awaitLogLine("Kafka Server started", START_TIMEOUT);
        return new KafkaBroker(process, HOST + ":" + port);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public ManagedProcess process() {
        return process;
    }

    private static void format(BenchHome home, Path config) throws IOException, InterruptedException {
        Path log = home.logs().resolve("kafka-format.log");
        Files.createDirectories(log.getParent());
        Process format = new ProcessBuilder(home.java(),
                "-Dlog4j2.configurationFile=" + home.repository().resolve("deploy/local/config/tools-log4j2.xml"),
                "-cp", BenchHome.classpath(home.kafkaLib()), "kafka.tools.StorageTool", "format", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's storage failed; see " + log + ":\n"
                    + Files.readString(log));
        }
    }

    static String serverProperties(int port, int controllerPort, Path data) {
        return """
                # Written by the benchmark at every run (io.trestle.bench.stack.KafkaBroker).
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%4$s
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                auto.create.topics.enable=false
                group.initial.rebalance.delay.ms=0
                """.formatted(HOST, port, controllerPort, data);
    }
}
