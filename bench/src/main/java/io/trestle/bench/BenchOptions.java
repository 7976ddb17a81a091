package io.trestle.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The run's parameters, from the command line ({@code bench/run-benchmark.sh --help}). The defaults make one run of
 * about ten minutes on two cores.
 *
 * @param liveRate
 *            readings per second of the live phase; 0 picks a quarter of the lower of the measured ingest and
 *            aggregator throughputs: the live phase runs connector, aggregator, sink and the benchmark's client on the
 *            same cores, and latency is to be measured at moderate load, not as queueing at saturation
 */
public record BenchOptions(Path repository, Path out, int assets, int readings, int liveReadings, int partitions,
        long seed, int clients, int batchSize, Duration batchSpan, int liveClients, Duration liveBatchSpan,
        Duration maxSkew, double liveRate, Optional<Instant> start) {

    static final String USAGE = """
            Usage: bench/run-benchmark.sh [options]   (runs io.trestle.bench.Main)
              --assets N           machines in the fleet (default 1000)
              --readings M         readings per machine replayed in bulk, on average (default 150)
              --live-readings L    further readings per machine sent at a steady pace (default 20; 0 skips latency)
              --partitions P       partitions of every topic (default 3)
              --seed S             generator seed (default 42)
              --clients K          concurrent HTTP clients of the bulk ingest (default 4)
              --batch-size B       readings per request at most (default 500; the connector takes up to 1000)
              --live-rate R        readings/s of the live phase (default: a quarter of the lower of the
                                   measured ingest and aggregator throughputs)
              --start INSTANT      time of the first readings (default: the live part starts at 14:00 UTC of
                                   the latest day that keeps every reading in the past)
              --out DIR            where the report goes (default bench/target/benchmark)
              --repository DIR     the Trestle checkout (default: the current directory)
            """;

    public static BenchOptions parse(String[] args) {
        Path repository = Path.of(".");
        Path out = null;
        int assets = 1000;
        int readings = 150;
        int liveReadings = 20;
        int partitions = 3;
        long seed = 42;
        int clients = 4;
        int batchSize = 500;
        double liveRate = 0;
        Optional<Instant> start = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--repository" -> repository = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--assets" -> assets = positive(option, value);
                case "--readings" -> readings = positive(option, value);
                case "--live-readings" -> liveReadings = Integer.parseInt(value);
                case "--partitions" -> partitions = positive(option, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--clients" -> clients = positive(option, value);
                case "--batch-size" -> batchSize = positive(option, value);
                case "--live-rate" -> liveRate = Double.parseDouble(value);
                case "--start" -> start = Optional.of(Instant.parse(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (batchSize > 1000) {
            throw new IllegalArgumentException("--batch-size above 1000 is refused by the connector's default limit");
        }
        repository = repository.toAbsolutePath().normalize();
        return new BenchOptions(repository, out != null ? out : repository.resolve("bench/target/benchmark"),
                assets, readings, liveReadings, partitions, seed, clients, batchSize, Duration.ofMinutes(10),
                Math.max(1, clients / 2), Duration.ofMinutes(1), Duration.ofMinutes(5), liveRate, start);
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + value);
        }
        return number;
    }

    public Path state() {
        return repository.resolve("bench/target/bench-state");
    }
}
