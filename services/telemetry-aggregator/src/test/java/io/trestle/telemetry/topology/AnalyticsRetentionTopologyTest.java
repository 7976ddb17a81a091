package io.trestle.telemetry.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analysts' stores forget a day once the postings have moved the retention past its end, by the postings' own time
 * (the fixture's clock stands still at the first day), and the deletions reach the changelogs as tombstones.
 */
class AnalyticsRetentionTopologyTest {

    private static final Duration RETENTION = Duration.ofDays(3);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate THREE_DAYS_ON = DAY.plusDays(3);
    /** Minutes after 2026-11-20T08:00Z of 2026-11-23T23:30Z. */
    private static final int LAST_KEEPING_EVENING = 3 * 1440 + 930;
    private static final List<String> ANALYTICS_STORES = List.of(UsageTopology.UTILIZATION_STORE,
            UsageTopology.DAILY_UTILIZATION_STORE, UsageTopology.PROJECT_COST_STORE,
            UsageTopology.PROJECT_COST_DAYS_STORE);

    private TopologyFixture fixture;

    @BeforeEach
    void startDriver() {
        fixture = new TopologyFixture(TopologyFixture.withAnalyticsRetention(RETENTION));
        fixture.confirmed("EX-1", "R-1", "42", "100", -60, 5 * 1440);
        fixture.reading("EX-1", 0, 10.0, 0.0, null);
        fixture.reading("EX-1", 10, 10.1, 0.02, null);
        fixture.reading("EX-1", 25, 10.1, 0.02, null); // posts 08:00–08:15 of the first day
    }

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void aDayStaysWhileNoPostedWindowEndsTheRetentionAfterItsEnd() {
        postUntilTwentyThreeFortyFiveThreeDaysOn();

        assertThat(keys()).containsExactly(
                "asset-daily-utilization: EX-1|2026-11-20", "asset-daily-utilization: EX-1|2026-11-23",
                "daily-asset-utilization: 2026-11-20|EX-1", "daily-asset-utilization: 2026-11-23|EX-1",
                "project-daily-costs: 42|2026-11-20|100", "project-daily-costs: 42|2026-11-23|100",
                "daily-project-costs: 2026-11-20|42|100", "daily-project-costs: 2026-11-23|42|100");
    }

    @Test
    void aDayIsPurgedFromEveryAnalyticsStoreOnceAPostedWindowEndsTheRetentionAfterItsEnd() {
        postUntilTwentyThreeFortyFiveThreeDaysOn();
        // Stream time 00:10 posts the window 23:45–00:00, which ends three days after the first day ended.
        fixture.reading("EX-1", LAST_KEEPING_EVENING + 40, 10.2, 0.04, null);

        assertThat(keys()).containsExactly(
                "asset-daily-utilization: EX-1|2026-11-23", "daily-asset-utilization: 2026-11-23|EX-1",
                "project-daily-costs: 42|2026-11-23|100", "daily-project-costs: 2026-11-23|42|100");
        KeyValueStore<String, Object> costs = fixture.driver.getKeyValueStore(UsageTopology.PROJECT_COST_STORE);
        assertThat(costs.get(AnalyticsKeys.projectDayCostCode("42", THREE_DAYS_ON, "100"))).isNotNull();
    }

    @Test
    void thePurgeReachesEveryAnalyticsChangelogAsTombstones() {
        postUntilTwentyThreeFortyFiveThreeDaysOn();
        fixture.reading("EX-1", LAST_KEEPING_EVENING + 40, 10.2, 0.04, null);

        assertThat(lastValueIsTombstone(UsageTopology.UTILIZATION_STORE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "EX-1|2026-11-20", true, "EX-1|2026-11-23", false));
        assertThat(lastValueIsTombstone(UsageTopology.DAILY_UTILIZATION_STORE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("2026-11-20|EX-1", true, "2026-11-23|EX-1", false));
        assertThat(lastValueIsTombstone(UsageTopology.PROJECT_COST_STORE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("42|2026-11-20|100", true, "42|2026-11-23|100", false));
        assertThat(lastValueIsTombstone(UsageTopology.PROJECT_COST_DAYS_STORE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("2026-11-20|42|100", true, "2026-11-23|42|100", false));
    }

    @Test
    void theUtilizationTopicKeepsThePurgedDayForDownstreamAnalytics() {
        postUntilTwentyThreeFortyFiveThreeDaysOn();
        fixture.reading("EX-1", LAST_KEEPING_EVENING + 40, 10.2, 0.04, null);

        assertThat(fixture.utilization.readKeyValuesToList()).allSatisfy(record -> assertThat(record.value).isNotNull())
                .extracting(record -> record.key).contains("EX-1|2026-11-20", "EX-1|2026-11-23");
    }

    /** Usage late on the third day after: 23:30–23:45 is posted at stream time 23:55 and keeps the first day. */
    private void postUntilTwentyThreeFortyFiveThreeDaysOn() {
        fixture.reading("EX-1", LAST_KEEPING_EVENING, 10.1, 0.02, null); // after a long gap: a finding, no usage
        fixture.reading("EX-1", LAST_KEEPING_EVENING + 10, 10.15, 0.03, null);
        fixture.reading("EX-1", LAST_KEEPING_EVENING + 25, 10.2, 0.04, null);
    }

    /** Every key of the analytics stores as {@code <store>: <key>}, store by store. */
    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String store : ANALYTICS_STORES) {
            KeyValueStore<String, Object> entries = fixture.driver.getKeyValueStore(store);
            try (KeyValueIterator<String, Object> all = entries.all()) {
                all.forEachRemaining(entry -> keys.add(store + ": " + entry.key));
            }
        }
        return keys;
    }

    /** Per key of the store's changelog: whether its last record is a tombstone. */
    private Map<String, Boolean> lastValueIsTombstone(String store) {
        TestOutputTopic<String, byte[]> changelog = fixture.driver.createOutputTopic(
                "usage-topology-test-" + store + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Boolean> last = new LinkedHashMap<>();
        changelog.readKeyValuesToList().forEach(record -> last.put(record.key, record.value == null));
        return last;
    }
}
