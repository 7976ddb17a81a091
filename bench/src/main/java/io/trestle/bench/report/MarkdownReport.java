package io.trestle.bench.report;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trestle.bench.measure.LatencyTimeline;
import io.trestle.bench.stats.Percentiles;

/** Renders a {@link RunReport} as the Markdown page {@code benchmark-report.md}. */
public final class MarkdownReport {

    private final StringBuilder out = new StringBuilder();

    private MarkdownReport() {
    }

    public static String render(RunReport report) {
        MarkdownReport page = new MarkdownReport();
        page.header(report);
        page.results(report);
        page.ceilings(report);
        page.odoo(report);
        page.memory(report);
        page.cpu(report);
        page.checks(report);
        page.parameters(report);
        return page.out.toString();
    }

    private void header(RunReport report) {
        RunReport.Environment env = report.environment();
        RunReport.Parameters p = report.parameters();
        line("# Trestle benchmark report");
        line("");
        line("%s on %d cores (%s), %s, %s; Trestle %s (commit %s), Quarkus %s, Kafka %s. Load average before / "
                + "after: %s / %s.", env.date(), env.cores(), env.cpuModel(), env.os(), env.java(), env.trestle(),
                env.gitCommit(), env.quarkus(), env.kafka(), env.loadAverageBefore(), env.loadAverageAfter());
        line("");
        line("Fleet: %d machines × %d readings (bulk) + %d (live) on average, seed %d, readings from %s, live "
                + "part from %s; %d partitions per topic; bulk ingest over %d HTTP clients, requests of up to %d "
                + "readings. Definitions: bench/README.md.", p.assets(), p.bulkReadingsPerAsset(),
                p.liveReadingsPerAsset(), p.seed(), p.firstReadingsAt(), p.liveReadingsFrom(), p.partitions(),
                p.clients(), p.batchSize());
        line("");
    }

    private void results(RunReport r) {
        line("## Results");
        line("");
        line("| Measure | Figure | Reference (same broker, same records) | Ratio |");
        line("|---|---|---|---|");
        RunReport.Ingest ingest = r.httpIngest();
        line("| equipment-connector HTTP ingest, acknowledged readings | **%s readings/s** steady state (%s over "
                + "the whole phase) | raw produce: plain loop %s records/s, ProducerPerformance %s records/s | "
                + "%s of the loop, %s of ProducerPerformance |", num(ingest.throughput().steadyPerSecond()),
                num(ingest.throughput().perSecond()), num(r.rawProduce().loopRecordsPerSecond()),
                num(r.rawProduce().producerPerformance().recordsPerSecond()), pct(ingest.ratioToRawProduceLoop()),
                pct(ingest.ratioToProducerPerformance()));
        RunReport.Aggregator aggregator = r.aggregator();
        line("| telemetry-aggregator (exactly_once_v2), readings committed | **%s readings/s** steady state (%s "
                + "from ready to caught up) | raw consume: plain loop %s records/s, ConsumerPerformance %s "
                + "records/s (fetch) | %s of the loop, %s of ConsumerPerformance |",
                num(aggregator.throughput().steadyPerSecond()), num(aggregator.throughput().perSecond()),
                num(r.rawConsume().loopRecordsPerSecond()),
                num(r.rawConsume().consumerPerformance().fetchRecordsPerSecond()),
                pct(aggregator.ratioToRawConsumeLoop()), pct(aggregator.ratioToConsumerPerformance()));
        if (r.latency() != null) {
            Percentiles.Summary latency = r.latency().postingLatencyMs();
            line("| reading → cost posting, excluding the window wait | **p50 %s ms, p99 %s ms** (max %s ms, %d "
                    + "postings) | live phase at %s readings/s | — |", num(latency.p50()), num(latency.p99()),
                    num(latency.max()), latency.count(), num(r.latency().achievedRate()));
        } else {
            line("| reading → cost posting | not measured (no live phase) | — | — |");
        }
        line("| Odoo calls per million readings through the sink | **%s** on the backlog, **%s** live (data "
                + "calls; with logins and health probes %s / %s) | %s / %s postings | %s / %s postings per data call |",
                num(r.odooBacklog().dataCallsPerMillionReadings()),
                r.odooLive() == null ? "—" : num(r.odooLive().dataCallsPerMillionReadings()),
                num(r.odooBacklog().totalCallsPerMillionReadings()),
                r.odooLive() == null ? "—" : num(r.odooLive().totalCallsPerMillionReadings()),
                r.odooBacklog().postings(), r.odooLive() == null ? "—" : r.odooLive().postings(),
                num(r.odooBacklog().postingsPerDataCall()),
                r.odooLive() == null ? "—" : num(r.odooLive().postingsPerDataCall()));
        Map<String, Double> cost = r.cpuMicrosPerReading();
        line("| CPU per reading (all threads of the process) | connector %s µs, broker %s µs, benchmark client %s µs "
                + "while ingesting; aggregator %s µs, broker %s µs while aggregating | one core's worth: connector "
                + "%s readings/s, aggregator %s readings/s | — |",
                num(cost.getOrDefault("equipment-connector (HTTP ingest (bulk))", Double.NaN)),
                num(cost.getOrDefault("kafka (HTTP ingest (bulk))", Double.NaN)),
                num(cost.getOrDefault("bench runner (HTTP ingest (bulk))", Double.NaN)),
                num(cost.getOrDefault("telemetry-aggregator (aggregator (bulk))", Double.NaN)),
                num(cost.getOrDefault("kafka (aggregator (bulk))", Double.NaN)),
                num(1e6 / cost.getOrDefault("equipment-connector (HTTP ingest (bulk))", Double.NaN)),
                num(1e6 / cost.getOrDefault("telemetry-aggregator (aggregator (bulk))", Double.NaN)));
        StringBuilder rss = new StringBuilder();
        r.memory().forEach((name, memory) -> rss.append(rss.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(num(memory.peakMib())).append(" MiB"));
        line("| peak RSS (VmHWM) | %s | heap limits below | — |", rss);
        line("");
    }

    private void ceilings(RunReport r) {
        line("## Raw ceilings and the phases");
        line("");
        line("| Phase | Records | Seconds | Records/s | MB/s | Notes |");
        line("|---|---|---|---|---|---|");
        var produce = r.rawProduce();
        line("| plain producer loop (acks=all, idempotent) | %d | %s | %s | %s | the connector's own record bytes, "
                + "keys and partitions |", produce.loop().records(), dec(produce.loop().seconds()),
                num(produce.loopRecordsPerSecond()), dec(produce.loopMegabytesPerSecond()));
        var perf = produce.producerPerformance();
        line("| ProducerPerformance (acks=all, idempotent) | %d | — | %s | %s | %d-byte random values, no keys; "
                + "latency avg %s ms, p50 %d ms, p99 %d ms |", perf.records(), num(perf.recordsPerSecond()),
                dec(perf.megabytesPerSecond()), Math.round(r.data().meanRecordBytes()), dec(perf.averageLatencyMs()),
                perf.p50Ms(), perf.p99Ms());
        var consume = r.rawConsume();
        line("| plain consumer loop (read_committed) | %d | %s | %s | %s | bytes, not deserialized |",
                consume.loop().records(), dec(consume.loop().seconds()), num(consume.loopRecordsPerSecond()),
                dec(consume.loopMegabytesPerSecond()));
        var cperf = consume.consumerPerformance();
        line("| ConsumerPerformance | %d | — | %s (fetch), %s (with %d ms group join) | %s (fetch) | |",
                cperf.records(), num(cperf.fetchRecordsPerSecond()), num(cperf.recordsPerSecond()),
                cperf.rebalanceMs(), dec(cperf.fetchMegabytesPerSecond()));
        RunReport.Ingest ingest = r.httpIngest();
        line("| HTTP ingest | %d | %s | %s (steady %s) | — | %d requests, %d retries after 503; request latency "
                + "p50 %s ms, p99 %s ms |", ingest.throughput().items(), dec(ingest.throughput().seconds()),
                num(ingest.throughput().perSecond()), num(ingest.throughput().steadyPerSecond()), ingest.requests(),
                ingest.retries(), num(ingest.requestLatencyMs().p50()), num(ingest.requestLatencyMs().p99()));
        RunReport.Aggregator aggregator = r.aggregator();
        line("| aggregator | %d | %s | %s (steady %s) | — | ready %s s after launch; %d postings |",
                aggregator.readings(), dec(aggregator.throughput().seconds()),
                num(aggregator.throughput().perSecond()), num(aggregator.throughput().steadyPerSecond()),
                dec(aggregator.startSeconds()), aggregator.postings());
        if (r.latency() != null) {
            RunReport.Latency latency = r.latency();
            line("| live phase | %d | — | %s (target %s) | — | %d requests, %d retries; aggregator %d readings "
                    + "behind when sending ended, caught up %s s later; %d corrections not measured, %d triggered "
                    + "before the phase, %d without trigger |", latency.readings(), num(latency.achievedRate()),
                    num(latency.targetRate()), latency.requests(), latency.retries(),
                    latency.aggregatorBehindAtEnd(), dec(latency.drainSeconds()), latency.corrections(),
                    latency.triggeredBefore(), latency.withoutTrigger());
        }
        line("");
        if (r.latency() != null && !r.latency().timeline().isEmpty()) {
            StringBuilder timeline = new StringBuilder();
            for (LatencyTimeline.Bucket bucket : r.latency().timeline()) {
                timeline.append(timeline.isEmpty() ? "" : "; ").append(bucket.fromSecond()).append(" s: ")
                        .append(bucket.postings()).append(" × p50 ").append(num(bucket.p50Ms())).append(" / max ")
                        .append(num(bucket.maxMs())).append(" ms");
            }
            line("Posting latency over the live phase, by %d-second bucket of receive time: %s.",
                    r.latency().timelineBucketSeconds(), timeline);
            line("");
        }
        RunReport.Data data = r.data();
        line("Telemetry records: %d, mean key %s B, mean value %s B (Avro with the 5-byte registry header); %s B of "
                + "JSON per reading in the push requests.", data.telemetryRecords(), dec(data.meanKeyBytes()),
                dec(data.meanValueBytes()), dec(data.meanJsonBytesPerReading()));
        line("");
    }

    private void odoo(RunReport r) {
        line("## Odoo calls");
        line("");
        line("| Phase | Readings | Postings | Lines posted | Rejected | Calls by model.method | Data calls | Per "
                + "million readings | Postings per data call |");
        line("|---|---|---|---|---|---|---|---|---|");
        odooRow("backlog (sink started on the bulk phase's postings)", r.odooBacklog());
        if (r.odooLive() != null) {
            odooRow("live (sink running while postings arrive)", r.odooLive());
        }
        line("");
    }

    private void odooRow(String phase, RunReport.OdooCalls calls) {
        StringBuilder byMethod = new StringBuilder();
        calls.calls().forEach((method, count) -> byMethod.append(byMethod.isEmpty() ? "" : ", ").append(method)
                .append(' ').append(count));
        line("| %s | %d | %d | %s | %s | %s | %d | %s | %s |", phase, calls.readings(), calls.postings(),
                num(calls.postedLines()), num(calls.rejected()), byMethod, calls.dataCalls(),
                num(calls.dataCallsPerMillionReadings()), num(calls.postingsPerDataCall()));
    }

    private void memory(RunReport r) {
        line("## Peak RSS");
        line("");
        line("| Process | Peak RSS (VmHWM) MiB | RSS at the end MiB |");
        line("|---|---|---|");
        r.memory().forEach((name, memory) -> line("| %s | %s | %s |", name, num(memory.peakMib()),
                num(memory.currentMib())));
        line("");
        line("JVM options: %s.", String.join("; ", r.environment().jvmOptions().entrySet().stream()
                .map(entry -> entry.getKey() + " `" + String.join(" ", entry.getValue()) + "`").toList()));
        line("");
    }

    private void cpu(RunReport r) {
        line("## CPU per phase");
        line("");
        line("CPU seconds used / seconds the process's threads waited for a CPU (run queue), per process.");
        line("");
        Set<String> processes = new LinkedHashSet<>();
        r.cpu().forEach(phase -> processes.addAll(phase.cpuSeconds().keySet()));
        line("| Phase | Wall s | %s |", String.join(" | ", processes));
        line("|---|---|%s", "---|".repeat(processes.size()));
        for (RunReport.PhaseCpu phase : r.cpu()) {
            StringBuilder row = new StringBuilder("| " + phase.phase() + " | " + dec(phase.seconds()) + " |");
            for (String process : processes) {
                Double seconds = phase.cpuSeconds().get(process);
                Double wait = phase.runQueueWaitSeconds().get(process);
                row.append(' ').append(seconds == null ? "—" : dec(seconds) + " / " + (wait == null ? "—" : dec(wait)))
                        .append(" |");
            }
            line("%s", row);
        }
        line("");
    }

    private void checks(RunReport r) {
        RunReport.Checks checks = r.checks();
        line("## What the pipeline made of the data");
        line("");
        line("- Bulk deliveries: %d (%d readings, %d duplicates, %d out of order); live: %d (%d, %d, %d).",
                r.data().bulk().deliveries(), r.data().bulk().readings(), r.data().bulk().duplicates(),
                r.data().bulk().outOfOrder(), r.data().live().deliveries(), r.data().live().readings(),
                r.data().live().duplicates(), r.data().live().outOfOrder());
        line("- %d reservations of %d machines on %d projects.", r.data().reservations(),
                r.data().reservedAssets(), r.data().projects());
        line("- Postings: %d, of them %d corrections and %d unallocated.", checks.postings(), checks.corrections(),
                checks.unallocated());
        line("- Quarantined: %s.", checks.quarantinedByReason().isEmpty()
                ? "nothing"
                : checks.quarantinedByReason().toString());
        line("- Sink outcomes for cost postings: %s.", checks.sinkOutcomes());
        for (String note : r.notes()) {
            line("- %s", note);
        }
        line("");
    }

    private void parameters(RunReport r) {
        RunReport.Parameters p = r.parameters();
        line("## Parameters");
        line("");
        line("Warm-up excluded from steady-state figures: the first %s of each phase's items. Aggregator settings "
                + "as in production: windows %s, grace %s, reorder horizon %s. Bulk requests span at most %s of "
                + "simulated time, lanes at most %s apart; live: %d clients, requests spanning at most %s. "
                + "Duplicates %s, out of order %s, machines reserved %s.", pct(p.warmupShare()), p.windowSize(),
                p.windowGrace(), p.reorderHorizon(), p.batchSpan(), p.maxLaneSkew(), p.liveClients(),
                p.liveBatchSpan(), pct(p.duplicateShare()), pct(p.outOfOrderShare()), pct(p.reservedShare()));
        line("");
    }

    private void line(String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }

    static String num(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String dec(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A share as a percentage, with a decimal below 10 % so a small ratio does not read as 0. */
    static String pct(double share) {
        if (Double.isNaN(share)) {
            return "—";
        }
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f %%" : "%.0f %%", share * 100);
    }
}
