package io.trestle.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.trestle.bench.fleet.DeliveryStats;
import io.trestle.bench.fleet.Fleet;
import io.trestle.bench.fleet.FleetGenerator;
import io.trestle.bench.fleet.FleetSpec;
import io.trestle.bench.fleet.Reservation;
import io.trestle.bench.ingest.Batch;
import io.trestle.bench.ingest.Batcher;
import io.trestle.bench.ingest.IngestDriver;
import io.trestle.bench.ingest.PushClient;
import io.trestle.bench.kafka.AvroReads;
import io.trestle.bench.kafka.BenchTopics;
import io.trestle.bench.kafka.EquipmentMasterData;
import io.trestle.bench.kafka.GroupProgress;
import io.trestle.bench.kafka.PerfTools;
import io.trestle.bench.kafka.RawLoops;
import io.trestle.bench.kafka.ReservationEvents;
import io.trestle.bench.measure.LatencyAttribution;
import io.trestle.bench.measure.LatencyTimeline;
import io.trestle.bench.measure.OdooCalls;
import io.trestle.bench.measure.PostingCollector;
import io.trestle.bench.measure.PrometheusText;
import io.trestle.bench.measure.TelemetryLog;
import io.trestle.bench.process.BenchHome;
import io.trestle.bench.report.CpuLedger;
import io.trestle.bench.report.EnvironmentProbe;
import io.trestle.bench.report.RunReport;
import io.trestle.bench.stack.OdooAccounts;
import io.trestle.bench.stack.ServiceProcess;
import io.trestle.bench.stack.Stack;
import io.trestle.bench.stats.Percentiles;
import io.trestle.bench.stats.Throughput;
import io.trestle.schema.topic.TrestleTopic;

/**
 * One benchmark run, phase after phase on one broker: bulk HTTP ingest through the connector, the broker's raw produce
 * and consume ceilings for the records the connector wrote, the aggregator working through them, the sink writing the
 * postings into Odoo, then a paced live phase with all three services running for latency. See bench/README.md for the
 * definitions.
 */
final class BenchmarkRun {

    private static final String CLIENT = "bench";
    private static final String AGGREGATOR_ID = "bench-telemetry-aggregator";
    private static final String SINK_GROUP = "bench-odoo-sink";
    private static final String SINK_POSTINGS_GROUP = SINK_GROUP + "-cost-posting";
    private static final String TELEMETRY = TrestleTopic.EQUIPMENT_TELEMETRY.topicName();
    private static final String POSTINGS = TrestleTopic.COST_POSTING.topicName();
    /** The aggregator's production defaults, which the benchmark does not change. */
    private static final Duration WINDOW_SIZE = Duration.ofMinutes(15);
    private static final Duration WINDOW_GRACE = Duration.ofMinutes(30);
    private static final Duration REORDER_HORIZON = Duration.ofMinutes(30);
    /** Used only for assets without master data; every generated asset has some. */
    private static final String DEFAULT_HOURLY_RATE = "65.00";
    private static final double WARMUP_SHARE = 0.1;
    /** Share of the measured capacity the live phase runs at by default (see BenchOptions). */
    private static final double LIVE_LOAD = 0.25;
    private static final int RAW_WARMUP_RECORDS = 20_000;
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(20);
    private static final long TIMELINE_BUCKET_SECONDS = 10;
    private static final String INGEST_PHASE = "HTTP ingest (bulk)";
    private static final String AGGREGATOR_PHASE = "aggregator (bulk)";

    private final BenchOptions options;
    private final BenchHome home;
    private final Stack stack;
    private final CpuLedger cpu;
    private final List<String> notes = new ArrayList<>();
    private final String apiKey = UUID.randomUUID().toString();
    private final String signingSecret = UUID.randomUUID().toString();

    // Set up by run() for the phases.
    private Fleet fleet;
    private GroupProgress groups;
    private PostingCollector collector;
    private OdooAccounts accounts;
    private ServiceProcess connector;
    private ServiceProcess aggregator;
    private ServiceProcess sink;

    /** Phase 1: what the connector took. */
    private record IngestFigures(IngestDriver.Result result, Throughput throughput, double jsonBytesPerReading) {
    }

    /** Phases 2 and 3: the broker's ceilings for the very records the connector wrote. */
    private record RawFigures(double meanKey, double meanValue, RawLoops.Result produceLoop,
            PerfTools.ProducerFigures producerPerformance, RawLoops.Result consumeLoop,
            PerfTools.ConsumerFigures consumerPerformance) {
    }

    /** Phase 4. */
    private record AggregatorFigures(long readings, Throughput throughput, int postings) {
    }

    /** Phase 6. */
    private record LiveFigures(RunReport.Latency latency, RunReport.OdooCalls odooCalls) {
    }

    BenchmarkRun(BenchOptions options, BenchHome home, Stack stack) {
        this.options = options;
        this.home = home;
        this.stack = stack;
        this.cpu = new CpuLedger(stack::cpuSeconds, stack::runQueueWaitSeconds);
    }

    RunReport run() throws Exception {
        String loadBefore = EnvironmentProbe.loadAverage();
        fleet = generate();
        step("Starting Kafka (KRaft), the dev registry and the Odoo stand-in");
        stack.startInfrastructure();
        info("broker %s, registry %s, Odoo stand-in %s; state and logs in %s", stack.bootstrap(),
                stack.registryUrl(), stack.odooUrl(), home.state());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap()))) {
            BenchTopics.create(admin, options.partitions());
            groups = new GroupProgress(admin);
            try (PostingCollector postings = new PostingCollector(stack.bootstrap(), stack.registryUrl(),
                    POSTINGS)) {
                collector = postings;
                prepare();
                IngestFigures ingest = ingest();
                RawFigures raw = rawCeilings();
                AggregatorFigures aggregation = aggregate();
                RunReport.OdooCalls backlog = sinkBacklog(ingest.result().readings(), aggregation.postings());
                Optional<LiveFigures> live = Optional.empty();
                if (fleet.live().isEmpty()) {
                    notes.add("No live phase (--live-readings 0): latency and live Odoo calls were not measured.");
                } else {
                    live = Optional.of(live(options.liveRate() > 0
                            ? options.liveRate()
                            : Math.round(Math.min(ingest.throughput().steadyPerSecond(),
                                    aggregation.throughput().steadyPerSecond()) * LIVE_LOAD)));
                }
                return report(loadBefore, ingest, raw, aggregation, backlog, live);
            }
        }
    }

    private Fleet generate() {
        step("Generating the fleet");
        Instant start = options.start().orElseGet(() -> FleetSpec.defaultStart(options.readings(),
                options.liveReadings(), Instant.now()));
        Fleet generated = FleetGenerator.generate(FleetSpec.of(options.seed(), options.assets(), options.readings(),
                options.liveReadings(), start));
        DeliveryStats bulk = DeliveryStats.of(generated.bulk());
        DeliveryStats live = DeliveryStats.of(generated.live());
        info("%d machines reporting from %s, live part from %s; bulk: %d deliveries (%d duplicates, %d out of "
                + "order); live: %d deliveries (%d, %d); %d reservations", generated.assets().size(), start,
                generated.spec().liveStart(), bulk.deliveries(), bulk.duplicates(), bulk.outOfOrder(),
                live.deliveries(), live.duplicates(), live.outOfOrder(), generated.reservations().size());
        return generated;
    }

    /** Odoo's accounts, the fleet's master data and reservations, and the connector. */
    private void prepare() throws Exception {
        accounts = OdooAccounts.create(stack.odooUrl(), stack.odooApiKey(), fleet.projectIds());
        EquipmentMasterData.publish(stack.bootstrap(), stack.registryUrl(), fleet.assets(), Instant.now());
        ReservationEvents.publish(stack.bootstrap(), stack.registryUrl(), CLIENT, fleet.reservations(),
                reservation -> accounts.costCode(reservation.projectId(), reservation.costCodeSlot()));
        info("created %d topics with %d partitions each, %d analytic accounts; published master data of %d "
                + "machines and %d reservations", TrestleTopic.values().length + 2, options.partitions(),
                fleet.projectIds().size() * Fleet.COST_CODES_PER_PROJECT + 1, fleet.assets().size(),
                fleet.reservations().size());
        step("Starting the equipment connector");
        connector = stack.launchConnector(CLIENT, apiKey, signingSecret);
        connector.awaitReady();
        info("ready in %.1f s at %s", connector.startSeconds(), connector.baseUrl());
    }

    private IngestFigures ingest() throws InterruptedException {
        List<List<Batch>> batches = Batcher.batches(fleet.bulk(), options.clients(), options.batchSize(),
                options.batchSpan(), CLIENT, "bulk");
        long bodyBytes = batches.stream().flatMap(List::stream).mapToLong(batch -> batch.body().length).sum();
        step("Phase 1/6: HTTP ingest — %d readings in %d signed requests over %d clients", fleet.bulk().size(),
                batches.stream().mapToInt(List::size).sum(), options.clients());
        cpu.begin();
        IngestDriver.Result result = IngestDriver.run(batches, this::pushClient, Optional.empty(),
                options.maxSkew());
        cpu.end(INGEST_PHASE);
        Throughput throughput = throughput(result);
        info("%d readings acknowledged in %.1f s: %.0f readings/s (steady state %.0f/s), %d retries after 503",
                result.readings(), throughput.seconds(), throughput.perSecond(), throughput.steadyPerSecond(),
                result.retries());
        return new IngestFigures(result, throughput, bodyBytes / (double) fleet.bulk().size());
    }

    private RawFigures rawCeilings() throws IOException, InterruptedException {
        step("Phase 2/6: raw produce ceiling — the connector's records again through a plain producer loop, then "
                + "Kafka's ProducerPerformance");
        List<ConsumerRecord<byte[], byte[]>> records = RawLoops.readAll(stack.bootstrap(), TELEMETRY);
        double meanKey = records.stream().mapToInt(r -> r.key().length).average().orElse(0);
        double meanValue = records.stream().mapToInt(r -> r.value().length).average().orElse(0);
        cpu.begin();
        RawLoops.Result produceLoop = RawLoops.produce(stack.bootstrap(), BenchTopics.RAW_PRODUCE, records,
                RAW_WARMUP_RECORDS);
        cpu.end("raw produce loop");
        info("plain producer loop: %d records, %.0f records/s, %.1f MB/s", produceLoop.records(),
                produceLoop.recordsPerSecond(), produceLoop.megabytesPerSecond());
        cpu.begin();
        PerfTools.ProducerFigures producerPerformance = PerfTools.producerPerformance(home, stack.bootstrap(),
                BenchTopics.PERF_PRODUCE, records.size(), (int) Math.round(meanKey + meanValue),
                home.logs().resolve("producer-performance.log"));
        cpu.end("ProducerPerformance");
        info("ProducerPerformance: %d records of %d bytes, %.0f records/s, %.1f MB/s", producerPerformance.records(),
                Math.round(meanKey + meanValue), producerPerformance.recordsPerSecond(),
                producerPerformance.megabytesPerSecond());

        step("Phase 3/6: raw consume ceiling — the telemetry topic through a plain consumer loop, then Kafka's "
                + "ConsumerPerformance");
        cpu.begin();
        RawLoops.Result consumeLoop = RawLoops.consume(stack.bootstrap(), TELEMETRY, RAW_WARMUP_RECORDS);
        cpu.end("raw consume loop");
        info("plain consumer loop: %d records, %.0f records/s, %.1f MB/s", consumeLoop.records(),
                consumeLoop.recordsPerSecond(), consumeLoop.megabytesPerSecond());
        cpu.begin();
        PerfTools.ConsumerFigures consumerPerformance = PerfTools.consumerPerformance(home, stack.bootstrap(),
                TELEMETRY, records.size(), home.logs().resolve("consumer-performance.log"));
        cpu.end("ConsumerPerformance");
        info("ConsumerPerformance: %d records, %.0f records/s fetching (%.0f/s with the %d ms group join)",
                consumerPerformance.records(), consumerPerformance.fetchRecordsPerSecond(),
                consumerPerformance.recordsPerSecond(), consumerPerformance.rebalanceMs());
        return new RawFigures(meanKey, meanValue, produceLoop, producerPerformance, consumeLoop,
                consumerPerformance);
    }

    private AggregatorFigures aggregate() throws Exception {
        Map<Integer, Long> telemetryEnd = groups.endOffsets(TELEMETRY);
        long readings = telemetryEnd.values().stream().mapToLong(Long::longValue).sum();
        step("Phase 4/6: aggregator — %d readings waiting on the telemetry topic", readings);
        cpu.begin();
        aggregator = stack.launchAggregator(AGGREGATOR_ID, DEFAULT_HOURLY_RATE);
        long ready = aggregator.awaitReady();
        List<Throughput.Sample> progress = groups.awaitCommitted(AGGREGATOR_ID, TELEMETRY, Map.of(), telemetryEnd,
                PHASE_TIMEOUT, PROGRESS_INTERVAL, aggregator.process()::isAlive);
        cpu.end(AGGREGATOR_PHASE);
        Throughput throughput = Throughput.of(ready, progress, WARMUP_SHARE);
        collector.awaitPositions(groups.endOffsets(POSTINGS), PHASE_TIMEOUT);
        int postings = collector.seen().size();
        info("ready in %.1f s, then %d readings committed in %.1f s: %.0f readings/s (steady state %.0f/s); %d "
                + "postings", aggregator.startSeconds(), throughput.items(), throughput.seconds(),
                throughput.perSecond(), throughput.steadyPerSecond(), postings);
        return new AggregatorFigures(readings, throughput, postings);
    }

    private RunReport.OdooCalls sinkBacklog(long readings, int postings) throws Exception {
        step("Phase 5/6: odoo-sink — %d postings into the Odoo stand-in", postings);
        Map<String, Map<String, Long>> before = OdooCalls.snapshot(stack.odooUrl());
        cpu.begin();
        long start = System.nanoTime();
        sink = stack.launchSink(SINK_GROUP, accounts.unallocated());
        sink.awaitReady();
        groups.awaitCommitted(SINK_POSTINGS_GROUP, POSTINGS, Map.of(), collector.afterLastPosting(), PHASE_TIMEOUT,
                PROGRESS_INTERVAL, sink.process()::isAlive);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.end("odoo-sink (backlog)");
        RunReport.OdooCalls calls = odooCalls(readings, postings,
                OdooCalls.difference(before, OdooCalls.snapshot(stack.odooUrl())),
                PrometheusText.scrape(sink.baseUrl()), Map.of(), seconds);
        info("%d postings written with %d Odoo calls (%d reading or writing records): %.1f data calls per million "
                + "readings", postings, calls.total(), calls.dataCalls(), calls.dataCallsPerMillionReadings());
        return calls;
    }

    private LiveFigures live(double rate) throws Exception {
        List<List<Batch>> batches = Batcher.batches(fleet.live(), options.liveClients(), options.batchSize(),
                options.liveBatchSpan(), CLIENT, "live");
        IngestDriver.Pacing pacing = IngestDriver.Pacing.of(fleet.live().get(0).deliverAt(),
                fleet.live().get(fleet.live().size() - 1).deliverAt(), fleet.live().size(), rate);
        step("Phase 6/6: live — %d readings at %.0f readings/s (%.0f× real time) over %d clients, connector, "
                + "aggregator and sink running", fleet.live().size(), rate, pacing.speedup(), options.liveClients());
        Map<Integer, Long> telemetryBefore = groups.endOffsets(TELEMETRY);
        Map<String, Map<String, Long>> callsBefore = OdooCalls.snapshot(stack.odooUrl());
        Map<String, Double> outcomesBefore = sinkOutcomes(PrometheusText.scrape(sink.baseUrl()));
        int postingsBefore = collector.seen().size();
        cpu.begin();
        long start = System.nanoTime();
        IngestDriver.Result sent = IngestDriver.run(batches, this::pushClient, Optional.of(pacing),
                options.maxSkew());
        List<Throughput.Sample> drain = groups.awaitCommitted(AGGREGATOR_ID, TELEMETRY, telemetryBefore,
                groups.endOffsets(TELEMETRY), PHASE_TIMEOUT, PROGRESS_INTERVAL, aggregator.process()::isAlive);
        Throughput.Sample caughtUp = drain.get(drain.size() - 1);
        long behindAtEnd = caughtUp.done() - drain.get(0).done();
        double drainSeconds = (caughtUp.nanos() - sent.endNanos()) / 1e9;
        collector.awaitPositions(groups.endOffsets(POSTINGS), PHASE_TIMEOUT);
        groups.awaitCommitted(SINK_POSTINGS_GROUP, POSTINGS, Map.of(), collector.afterLastPosting(), PHASE_TIMEOUT,
                PROGRESS_INTERVAL, sink.process()::isAlive);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.end("live (connector + aggregator + sink)");

        Map<String, Long> acknowledged = new HashMap<>();
        sent.sent().forEach(request -> acknowledged.put(request.correlationId(), request.ackNanos()));
        List<PostingCollector.Seen> postings = collector.seen().stream()
                .filter(posting -> posting.receivedNanos() >= start).toList();
        LatencyAttribution.Result attributed = LatencyAttribution.attribute(
                TelemetryLog.read(stack.bootstrap(), stack.registryUrl()), postings, WINDOW_GRACE.toMillis(),
                acknowledged);
        RunReport.Latency latency = new RunReport.Latency(rate, sent.readings() / sent.seconds(), sent.readings(),
                sent.sent().size(), sent.retries(), behindAtEnd, drainSeconds,
                Percentiles.of(attributed.latenciesMs()).summary(), attributed.corrections(),
                attributed.triggeredBefore(), attributed.withoutTrigger(), TIMELINE_BUCKET_SECONDS,
                LatencyTimeline.of(attributed.measured(), start, TIMELINE_BUCKET_SECONDS));
        Percentiles.Summary summary = latency.postingLatencyMs();
        info("%d readings sent at %.0f/s; the aggregator was %d readings behind when sending ended and caught up "
                + "%.1f s later; %d postings measured: p50 %.0f ms, p99 %.0f ms, max %.0f ms", sent.readings(),
                latency.achievedRate(), behindAtEnd, drainSeconds, summary.count(), summary.p50(), summary.p99(),
                summary.max());
        RunReport.OdooCalls calls = odooCalls(sent.readings(), collector.seen().size() - postingsBefore,
                OdooCalls.difference(callsBefore, OdooCalls.snapshot(stack.odooUrl())),
                PrometheusText.scrape(sink.baseUrl()), outcomesBefore, seconds);
        info("%d postings written with %d Odoo calls (%d data calls): %.1f data calls per million readings",
                calls.postings(), calls.total(), calls.dataCalls(), calls.dataCallsPerMillionReadings());
        return new LiveFigures(latency, calls);
    }

    private RunReport report(String loadBefore, IngestFigures ingest, RawFigures raw, AggregatorFigures aggregation,
            RunReport.OdooCalls backlog, Optional<LiveFigures> live) throws Exception {
        Map<String, RunReport.Memory> memory = new LinkedHashMap<>();
        stack.memory().forEach((name, usage) -> memory.put(name,
                new RunReport.Memory(usage.peakMib(), usage.currentKib() / 1024.0)));
        RunReport.Checks checks = checks();
        Map<String, List<String>> jvm = new LinkedHashMap<>();
        jvm.put("kafka", stack.jvm().broker());
        jvm.put("registry", stack.jvm().registry());
        jvm.put("odoo stand-in", stack.jvm().odoo());
        jvm.put("services", stack.jvm().services());
        jvm.put("bench runner", ManagementFactory.getRuntimeMXBean().getInputArguments());
        RunReport.Parameters parameters = new RunReport.Parameters(options.assets(), options.readings(),
                options.liveReadings(), options.seed(), fleet.spec().start().toString(),
                fleet.spec().liveStart().toString(), options.partitions(), options.clients(), options.batchSize(),
                options.batchSpan().toString(), options.liveClients(), options.liveBatchSpan().toString(),
                options.maxSkew().toString(), WARMUP_SHARE, WINDOW_SIZE.toString(), WINDOW_GRACE.toString(),
                REORDER_HORIZON.toString(), fleet.spec().duplicateShare(), fleet.spec().outOfOrderShare(),
                fleet.spec().reservedShare());
        RunReport.Data data = new RunReport.Data(DeliveryStats.of(fleet.bulk()), DeliveryStats.of(fleet.live()),
                fleet.reservations().size(),
                (int) fleet.reservations().stream().map(Reservation::assetId).distinct().count(),
                fleet.projectIds().size(), aggregation.readings(), raw.meanKey(), raw.meanValue(),
                raw.meanKey() + raw.meanValue(), ingest.jsonBytesPerReading());
        IngestDriver.Result sent = ingest.result();
        double ingestRate = ingest.throughput().steadyPerSecond();
        RunReport.Ingest httpIngest = new RunReport.Ingest(ingest.throughput(), sent.sent().size(), sent.retries(),
                Percentiles.of(sent.sent().stream().mapToDouble(s -> (s.ackNanos() - s.sendNanos()) / 1e6)
                        .toArray()).summary(),
                ingestRate / raw.produceLoop().recordsPerSecond(),
                ingestRate / raw.producerPerformance().recordsPerSecond());
        double aggregatorRate = aggregation.throughput().steadyPerSecond();
        RunReport.Aggregator aggregatorFigures = new RunReport.Aggregator(aggregation.readings(),
                aggregator.startSeconds(), aggregation.throughput(),
                aggregatorRate / raw.consumeLoop().recordsPerSecond(),
                aggregatorRate / raw.consumerPerformance().fetchRecordsPerSecond(), aggregation.postings());
        return new RunReport(parameters, EnvironmentProbe.describe(options.repository(), loadBefore, jvm), data,
                httpIngest,
                new RunReport.RawCeiling(raw.produceLoop(), raw.produceLoop().recordsPerSecond(),
                        raw.produceLoop().megabytesPerSecond(), raw.producerPerformance(), null),
                new RunReport.RawCeiling(raw.consumeLoop(), raw.consumeLoop().recordsPerSecond(),
                        raw.consumeLoop().megabytesPerSecond(), null, raw.consumerPerformance()),
                aggregatorFigures, live.map(LiveFigures::latency).orElse(null), backlog,
                live.map(LiveFigures::odooCalls).orElse(null), memory, cpu.phases(),
                cpuPerReading(ingest.result().readings(), aggregation.readings()), checks, notes);
    }

    private RunReport.Checks checks() throws IOException, InterruptedException {
        step("Checking what the pipeline made of the data");
        Map<String, Long> quarantined = new TreeMap<>();
        AvroReads.readAll(stack.bootstrap(), stack.registryUrl(),
                TrestleTopic.INTEGRATION_QUARANTINE.topicName(), record -> {
                    GenericRecord entry = record.value();
                    quarantined.merge(AvroReads.text(entry.get("detectedBy")) + ": "
                            + AvroReads.text(entry.get("reasonCode")), 1L, Long::sum);
                });
        List<PostingCollector.Seen> postings = collector.seen();
        int corrections = (int) postings.stream().filter(PostingCollector.Seen::isCorrection).count();
        int unallocated = (int) postings.stream().filter(posting -> posting.projectId() == null).count();
        info("%d postings (%d corrections, %d unallocated); quarantined: %s", postings.size(), corrections,
                unallocated, quarantined.isEmpty() ? "nothing" : quarantined);
        return new RunReport.Checks(quarantined, postings.size(), corrections, unallocated,
                sinkOutcomes(PrometheusText.scrape(sink.baseUrl())));
    }

    /** CPU microseconds per reading of the processes that did the work in the ingest and aggregator phases. */
    private Map<String, Double> cpuPerReading(long ingested, long aggregated) {
        Map<String, Double> perReading = new LinkedHashMap<>();
        for (RunReport.PhaseCpu phase : cpu.phases()) {
            long readings = phase.phase().equals(INGEST_PHASE)
                    ? ingested
                    : phase.phase().equals(AGGREGATOR_PHASE) ? aggregated : 0;
            if (readings > 0) {
                phase.cpuSeconds().forEach((process, seconds) -> perReading
                        .put(process + " (" + phase.phase() + ")", seconds * 1e6 / readings));
            }
        }
        return perReading;
    }

    private PushClient pushClient() {
        return new PushClient(connector.baseUrl(), apiKey, signingSecret);
    }

    private static Throughput throughput(IngestDriver.Result result) {
        List<Throughput.Sample> samples = new ArrayList<>();
        long done = 0;
        for (IngestDriver.Sent sent : result.sent()) {
            done += sent.readings();
            samples.add(new Throughput.Sample(sent.ackNanos(), done));
        }
        return Throughput.of(result.startNanos(), samples, WARMUP_SHARE);
    }

    private static RunReport.OdooCalls odooCalls(long readings, int postings, Map<String, Long> calls,
            String metrics, Map<String, Double> outcomesBefore, double seconds) {
        long total = OdooCalls.total(calls);
        long data = OdooCalls.dataCalls(calls);
        Map<String, Double> outcomes = sinkOutcomes(metrics);
        double posted = outcomes.getOrDefault("posted", 0.0) - outcomesBefore.getOrDefault("posted", 0.0);
        double rejected = outcomes.getOrDefault("rejected", 0.0) - outcomesBefore.getOrDefault("rejected", 0.0);
        return new RunReport.OdooCalls(readings, postings, calls, total, data, data * 1e6 / readings,
                total * 1e6 / readings, data == 0 ? Double.NaN : (double) postings / data, posted, rejected,
                seconds);
    }

    private static Map<String, Double> sinkOutcomes(String metrics) {
        Map<String, Double> outcomes = new TreeMap<>();
        for (String outcome : List.of("posted", "already_posted", "skipped", "rejected")) {
            outcomes.put(outcome, PrometheusText.sum(metrics, "trestle_odoo_sink_postings_total",
                    Map.of("input", "cost-posting", "outcome", outcome)));
        }
        return outcomes;
    }

    static void step(String format, Object... arguments) {
        System.out.printf("%n==> [%s] %s%n", LocalTime.now().withNano(0), format.formatted(arguments));
    }

    static void info(String format, Object... arguments) {
        System.out.println("    " + format.formatted(arguments));
    }
}
