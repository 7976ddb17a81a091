package io.trestle.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trestle.bench.fleet.Delivery;
import io.trestle.bench.fleet.Fleet;
import io.trestle.bench.fleet.FleetGenerator;
import io.trestle.bench.fleet.FleetSpec;

class BatcherTest {

    private static final Fleet FLEET = FleetGenerator.generate(
            FleetSpec.of(3, 40, 60, 0, Instant.parse("2026-11-20T06:00:00Z")));

    @Test
    void everyMachineTravelsInOneLaneInHandOverOrder() {
        List<List<Delivery>> lanes = Batcher.lanes(FLEET.bulk(), 3);

        assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(FLEET.bulk().size());
        for (int lane = 0; lane < 3; lane++) {
            int index = lane;
            assertThat(lanes.get(lane)).allSatisfy(d -> assertThat(d.reading().assetIndex() % 3).isEqualTo(index));
            assertThat(lanes.get(lane)).containsSubsequence(FLEET.bulk().stream()
                    .filter(d -> d.reading().assetIndex() % 3 == index).toList());
        }
    }

    @Test
    void aRequestNeverRepeatsAReadingIdNorExceedsItsSizeOrSpan() {
        List<Delivery> lane = Batcher.lanes(FLEET.bulk(), 2).get(0);

        List<List<Delivery>> requests = Batcher.requests(lane, 50, Duration.ofMinutes(10));

        assertThat(requests.stream().mapToInt(List::size).sum()).isEqualTo(lane.size());
        assertThat(requests.stream().flatMap(List::stream).toList()).isEqualTo(lane);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request).hasSizeBetween(1, 50);
            Set<String> ids = new HashSet<>();
            assertThat(request).allSatisfy(d -> assertThat(ids.add(d.reading().readingId())).isTrue());
            assertThat(Duration.between(request.get(0).deliverAt(), request.get(request.size() - 1).deliverAt()))
                    .isLessThanOrEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void withoutLimitsARequestEndsOnlyWhereTheNextDeliveryRepeatsOneOfItsReadings() {
        List<Delivery> lane = Batcher.lanes(FLEET.bulk(), 1).get(0);

        List<List<Delivery>> requests = Batcher.requests(lane, 10_000, Duration.ofDays(10));

        assertThat(requests).hasSizeGreaterThan(1);
        for (int i = 1; i < requests.size(); i++) {
            Delivery first = requests.get(i).get(0);
            assertThat(first.kind()).isEqualTo(Delivery.Kind.DUPLICATE);
            assertThat(requests.get(i - 1)).extracting(d -> d.reading().readingId())
                    .contains(first.reading().readingId());
        }
    }

    @Test
    void batchesCarryTheReadingsAsThePushApiTakesThemAndACorrelationIdPerRequest() throws Exception {
        List<List<Batch>> batches = Batcher.batches(FLEET.bulk(), 2, 100, Duration.ofMinutes(10), "bench", "bulk");

        Batch first = batches.get(1).get(0);
        JsonNode body = new ObjectMapper().readTree(new String(first.body(), StandardCharsets.UTF_8));
        Delivery delivery = first.deliveries().get(0);
        JsonNode reading = body.get("readings").get(0);
        assertThat(first.correlationId()).isEqualTo("bulk-1-0");
        assertThat(body.get("source").asText()).isEqualTo("bench");
        assertThat(body.get("readings")).hasSize(first.size());
        assertThat(reading.get("readingId").asText()).isEqualTo(delivery.reading().readingId());
        assertThat(reading.get("assetId").asText()).isEqualTo(delivery.reading().assetId());
        assertThat(Instant.parse(reading.get("readingTime").asText())).isEqualTo(delivery.reading().readingTime());
        assertThat(reading.get("cumulativeOperatingHours").asDouble()).isEqualTo(delivery.reading().operatingHours());
        assertThat(reading.get("cumulativeFuelUsed").get("unit").asText()).isEqualTo("L");
        assertThat(batches.get(1)).extracting(Batch::correlationId).doesNotHaveDuplicates();
    }
}
