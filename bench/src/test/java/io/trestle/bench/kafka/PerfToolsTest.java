package io.trestle.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parsers against output Kafka 4.1.2's tools printed in a benchmark run. */
class PerfToolsTest {

    @Test
    void producerPerformanceIsReadFromItsFinalSummaryNotAnIntervalLine() {
        String output = """
                105994 records sent, 21181.9 records/sec (3.39 MB/sec), 1050.4 ms avg latency, 1971.0 ms max latency.
                202000 records sent, 27935.3 records/sec (4.48 MB/sec), 1342.15 ms avg latency, 2162.00 ms max \
                latency, 1468 ms 50th, 2017 ms 95th, 2125 ms 99th, 2157 ms 99.9th.
                """;

        PerfTools.ProducerFigures figures = PerfTools.parseProducer(output).orElseThrow();

        assertThat(figures.records()).isEqualTo(202000);
        assertThat(figures.recordsPerSecond()).isEqualTo(27935.3);
        assertThat(figures.megabytesPerSecond()).isEqualTo(4.48);
        assertThat(figures.averageLatencyMs()).isEqualTo(1342.15);
        assertThat(figures.maxLatencyMs()).isEqualTo(2162.0);
        assertThat(figures.p50Ms()).isEqualTo(1468);
        assertThat(figures.p99Ms()).isEqualTo(2125);
    }

    @Test
    void consumerPerformanceIsReadByColumnName() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
                rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-27 09:20:16:963, 2026-11-27 09:20:20:602, 32.2824, 8.8712, 202000, 55509.7554, 1727, 1912, \
                16.8841, 105648.5356
                """;

        PerfTools.ConsumerFigures figures = PerfTools.parseConsumer(output).orElseThrow();

        assertThat(figures.records()).isEqualTo(202000);
        assertThat(figures.megabytes()).isEqualTo(32.2824);
        assertThat(figures.recordsPerSecond()).isEqualTo(55509.7554);
        assertThat(figures.fetchRecordsPerSecond()).isEqualTo(105648.5356);
        assertThat(figures.fetchMegabytesPerSecond()).isEqualTo(16.8841);
        assertThat(figures.rebalanceMs()).isEqualTo(1727);
    }

    @Test
    void outputWithoutASummaryGivesNothing() {
        assertThat(PerfTools.parseProducer("Exception in thread main")).isEmpty();
        assertThat(PerfTools.parseConsumer("WARN something\n")).isEmpty();
    }
}
