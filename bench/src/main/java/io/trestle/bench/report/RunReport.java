package io.trestle.bench.report;

import java.util.List;
import java.util.Map;

import io.trestle.bench.fleet.DeliveryStats;
import io.trestle.bench.kafka.PerfTools;
import io.trestle.bench.kafka.RawLoops;
import io.trestle.bench.measure.LatencyTimeline;
import io.trestle.bench.stats.Percentiles;
import io.trestle.bench.stats.Throughput;

/**
 * Everything one run measured, with the exact parameters and environment; written as JSON
 * ({@code benchmark-report.json}) and rendered as Markdown ({@code benchmark-report.md}). A figure that could not be
 * measured is absent ({@code null}) with the reason in {@link #notes()}.
 *
 * @param cpuMicrosPerReading
 *            CPU microseconds per reading a process spent in a phase ("process (phase)"): unlike throughput, barely
 *            affected by what else runs on the machine, and 1e6 / it is what one core could sustain
 */
public record RunReport(Parameters parameters, Environment environment, Data data, Ingest httpIngest,
        RawCeiling rawProduce, RawCeiling rawConsume, Aggregator aggregator, Latency latency, OdooCalls odooBacklog,
        OdooCalls odooLive, Map<String, Memory> memory, List<PhaseCpu> cpu, Map<String, Double> cpuMicrosPerReading,
        Checks checks, List<String> notes) {

    public record Parameters(int assets, int bulkReadingsPerAsset, int liveReadingsPerAsset, long seed,
            String firstReadingsAt, String liveReadingsFrom, int partitions, int clients, int batchSize,
            String batchSpan, int liveClients,
            String liveBatchSpan, String maxLaneSkew, double warmupShare, String windowSize, String windowGrace,
            String reorderHorizon, double duplicateShare, double outOfOrderShare, double reservedShare) {
    }

    public record Environment(String date, int cores, String cpuModel, String os, String java, String kafka,
            String quarkus, String trestle, String gitCommit, String loadAverageBefore, String loadAverageAfter,
            Map<String, List<String>> jvmOptions) {
    }

    /**
     * @param meanJsonBytesPerReading
     *            size of a reading in the push request bodies
     */
    public record Data(DeliveryStats bulk, DeliveryStats live, int reservations, int reservedAssets, int projects,
            long telemetryRecords, double meanKeyBytes, double meanValueBytes, double meanRecordBytes,
            double meanJsonBytesPerReading) {
    }

    public record Ingest(Throughput throughput, int requests, int retries, Percentiles.Summary requestLatencyMs,
            double ratioToRawProduceLoop, double ratioToProducerPerformance) {
    }

    public record RawCeiling(RawLoops.Result loop, double loopRecordsPerSecond, double loopMegabytesPerSecond,
            PerfTools.ProducerFigures producerPerformance, PerfTools.ConsumerFigures consumerPerformance) {
    }

    /**
     * @param startSeconds
     *            launch to ready (Kafka Streams RUNNING), not part of the throughput
     */
    public record Aggregator(long readings, double startSeconds, Throughput throughput, double ratioToRawConsumeLoop,
            double ratioToConsumerPerformance, int postings) {
    }

    /**
     * @param aggregatorBehindAtEnd
     *            readings the aggregator had not committed when the last request was acknowledged: near zero means it
     *            kept up with the pace, and the latencies are not queueing
     * @param drainSeconds
     *            from the last acknowledgement until the aggregator had committed everything
     */
    public record Latency(double targetRate, double achievedRate, int readings, int requests, int retries,
            long aggregatorBehindAtEnd, double drainSeconds, Percentiles.Summary postingLatencyMs, int corrections,
            int triggeredBefore, int withoutTrigger, long timelineBucketSeconds,
            List<LatencyTimeline.Bucket> timeline) {
    }

    public record OdooCalls(long readings, int postings, Map<String, Long> calls, long total, long dataCalls,
            double dataCallsPerMillionReadings, double totalCallsPerMillionReadings, double postingsPerDataCall,
            double postedLines, double rejected, double seconds) {
    }

    public record Memory(double peakMib, double currentMib) {
    }

    /**
     * CPU seconds each process used during a phase, the seconds its threads waited for a CPU, and the phase's
     * wall-clock seconds.
     */
    public record PhaseCpu(String phase, double seconds, Map<String, Double> cpuSeconds,
            Map<String, Double> runQueueWaitSeconds) {
    }

    public record Checks(Map<String, Long> quarantinedByReason, int postings, int corrections, int unallocated,
            Map<String, Double> sinkOutcomes) {
    }
}
