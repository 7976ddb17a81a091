package io.trestle.odoosink.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.odoosink.TestPostings;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.AnalyticLineWriter;

/**
 * Throughput of the sink's write path (mapping, load over JSON-RPC, outcome handling) into the Odoo stand-in at batch
 * sizes 1, 100 and 500. A measurement, not a test: it asserts nothing about speed and runs only with
 * {@code ./mvnw -pl services/odoo-sink verify -Pbenchmark}; the report goes to
 * {@code target/benchmark/sink-throughput.md}. The stand-in costs far less per call than a real Odoo (~12 ms per call
 * and ~1.5–2.5 ms per line on 2 cores), so the figures say how much headroom the sink leaves, not what Odoo will take.
 */
@Tag("benchmark")
class SinkThroughputBenchmarkTest {

    private static final int RECORDS = 2000;

    @Test
    void measureWriteThroughputPerBatchSize() throws IOException {
        StringBuilder report = new StringBuilder("| batch size | records | Odoo calls | seconds | records/s |\n")
                .append("|---|---|---|---|---|\n");
        try (OdooStandIn odoo = OdooStandIn.start(OdooStandInOptions.defaults());
                OdooClient client = OdooClient.create(OdooClientConfig
                        .of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey())
                        .withRetry(RetryPolicy.none()))) {
            long account = account(client);
            AnalyticLineWriter writer = AnalyticLineWriter.forBenchmark(client, TestPostings.costs(account));
            for (int batchSize : new int[]{1, 100, 500}) {
                int records = batchSize == 1 ? RECORDS / 10 : RECORDS;
                List<PendingPosting> postings = postings(records, account);
                writer.write(postings.subList(0, Math.min(batchSize, postings.size()))); // warm-up: classes, JIT
                long callsBefore = odoo.callCount("account.analytic.line", "load");
                long start = System.nanoTime();
                int written = 0;
                for (int from = 0; from < records; from += batchSize) {
                    List<SinkResult> outcomes = writer
                            .write(postings.subList(from, Math.min(from + batchSize, records)));
                    written += (int) outcomes.stream().filter(SinkResult.Posted.class::isInstance).count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long calls = odoo.callCount("account.analytic.line", "load") - callsBefore;
                report.append("| %d | %d | %d | %.2f | %.0f |%n".formatted(batchSize, written, calls, seconds,
                        written / seconds));
            }
        }
        Path out = Path.of("target", "benchmark", "sink-throughput.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static long account(OdooClient client) {
        List<Long> plans = client.search("account.analytic.plan", List.of(), SearchOptions.limit(1));
        return client.create("account.analytic.account",
                plans.isEmpty() ? Map.of("name", "Benchmark") : Map.of("name", "Benchmark", "plan_id", plans.get(0)));
    }

    private static List<PendingPosting> postings(int count, long account) {
        List<PendingPosting> postings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var posting = TestPostings.posting(UUID.randomUUID().toString(), Long.toString(account), "EX-" + (i % 50),
                    "12.50");
            postings.add(new PendingPosting(posting, "trestle.cost.posting.v1", 0, i, posting.getAssetId(),
                    new byte[0]));
        }
        return postings;
    }
}
