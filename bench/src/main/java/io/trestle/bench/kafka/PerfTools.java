package io.trestle.bench.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trestle.bench.process.BenchHome;

/**
 * Kafka's own {@code ProducerPerformance} and {@code ConsumerPerformance} (kafka-tools, the classes behind
 * {@code kafka-producer-perf-test.sh} and {@code kafka-consumer-perf-test.sh}), each in its own JVM as the scripts run
 * them, and their final report lines parsed.
 */
public final class PerfTools {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");
    private static final long TIMEOUT_MINUTES = 10;

    private PerfTools() {
    }

    public record ProducerFigures(long records, double recordsPerSecond, double megabytesPerSecond,
            double averageLatencyMs, double maxLatencyMs, long p50Ms, long p99Ms) {
    }

    /**
     * @param rebalanceMs
     *            time to join the consumer group, which {@code nMsg.sec} includes and {@code fetch.nMsg.sec} does not
     */
    public record ConsumerFigures(long records, double megabytes, double recordsPerSecond,
            double fetchRecordsPerSecond, double fetchMegabytesPerSecond, long rebalanceMs) {
    }

    public static ProducerFigures producerPerformance(BenchHome home, String bootstrap, String topic, long records,
            int recordSize, Path log) throws IOException, InterruptedException {
        String output = run(home, log, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "client.id=bench-producer-performance");
        return parseProducer(output).orElseThrow(() -> new IllegalStateException(
                "ProducerPerformance printed no summary; see " + log));
    }

    public static ConsumerFigures consumerPerformance(BenchHome home, String bootstrap, String topic, long records,
            Path log) throws IOException, InterruptedException {
        String output = run(home, log, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                "--topic", topic, "--messages", Long.toString(records), "--group",
                "bench-consumer-performance-" + System.nanoTime(), "--timeout", "60000");
        return parseConsumer(output).orElseThrow(() -> new IllegalStateException(
                "ConsumerPerformance printed no summary; see " + log));
    }

    static Optional<ProducerFigures> parseProducer(String output) {
        MatchResult last = null;
        Matcher matcher = PRODUCER_SUMMARY.matcher(output);
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(new ProducerFigures(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)),
                Double.parseDouble(last.group(3)), Double.parseDouble(last.group(4)),
                Double.parseDouble(last.group(5)), Long.parseLong(last.group(6)), Long.parseLong(last.group(8))));
    }

    /** The CSV-like summary: a header line naming the columns, then one line of values. */
    static Optional<ConsumerFigures> parseConsumer(String output) {
        String[] lines = output.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!lines[i].trim().startsWith("start.time")) {
                continue;
            }
            String[] names = lines[i].trim().split(",\\s*");
            String[] values = lines[i + 1].trim().split(",\\s*");
            if (values.length != names.length) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int column = 0; column < names.length; column++) {
                row.put(names[column], values[column]);
            }
            return Optional.of(new ConsumerFigures(Long.parseLong(row.get("data.consumed.in.nMsg")),
                    Double.parseDouble(row.get("data.consumed.in.MB")), Double.parseDouble(row.get("nMsg.sec")),
                    Double.parseDouble(row.get("fetch.nMsg.sec")), Double.parseDouble(row.get("fetch.MB.sec")),
                    Long.parseLong(row.get("rebalance.time.ms"))));
        }
        return Optional.empty();
    }

    private static String run(BenchHome home, Path log, String mainClass, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.java(), "-Xmx512m", "-Duser.language=en",
                "-Duser.country=US", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                BenchHome.classpath(home.benchLib()), mainClass));
        command.addAll(List.of(arguments));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
