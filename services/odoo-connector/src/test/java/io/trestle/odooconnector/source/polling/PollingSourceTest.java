package io.trestle.odooconnector.source.polling;

import static io.trestle.odooconnector.source.OdooModel.COST_CODE;
import static io.trestle.odooconnector.source.OdooModel.EQUIPMENT;
import static io.trestle.odooconnector.source.OdooModel.PROJECT;
import static io.trestle.odooconnector.source.OdooModel.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trestle.kafka.KafkaConnection;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.OdooProtocol;
import io.trestle.odoo.client.OdooValues;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;
import io.trestle.testkit.SettableClock;
import io.trestle.testkit.TrestleStack;

/** The polling source against the Odoo stand-in and a real Kafka broker holding its positions. */
class PollingSourceTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant ONE_SECOND = Instant.parse("2026-03-02T08:00:00Z");
    private static final String RATE_FIELD = "trestle.odoo-connector.rates.equipment-field";

    private final String positionsTopic = "polling-test-positions-" + UUID.randomUUID();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OdooStandIn odoo;
    private OdooClient client;

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void firstCyclePublishesEveryRecordNormalisedAndLaterCyclesOnlyWhatChanged() {
        startOdoo(OdooStandInOptions.defaults());
        long project = odoo.seed("project.project",
                Map.of("name", "Site A", "company_id", 1, "date_start", "2026-03-02"));
        long crew = odoo.seed("res.users", Map.of("name", "Concrete crew", "login", "concrete.crew"));
        long task = odoo.seed("project.task", Map.of("name", "Pour foundation", "project_id", project,
                "date_deadline", "2026-03-20 07:00:00", "allocated_hours", 12.0, "user_ids", List.of(crew, 2)));
        long equipment = odoo.seed("maintenance.equipment",
                Map.of("name", "Excavator EX-12", "serial_no", "EX-12", "cost", 125000.0));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of());

        source.start(handler);

        awaitEverythingPublished(handler);
        OdooRecord site = handler.latest(PROJECT, project).orElseThrow();
        long account = ((Reference) site.values().get("analytic_account_id")).id();
        assertThat(site.values()).containsEntry("name", "Site A").containsEntry("active", true)
                .containsEntry("company_id", new Reference(1, "My Company"))
                .containsEntry("analytic_account_id", new Reference(account, "Site A"))
                .containsEntry("date_start", LocalDate.of(2026, 3, 2)).doesNotContainKey("date");
        assertThat(site.writeDate())
                .isEqualTo(OdooValues.parseDatetime(record("project.project", project).get("write_date")).get());
        assertThat(handler.latest(TASK, task).orElseThrow().values())
                .containsEntry("project_id", new Reference(project, "Site A"))
                .containsEntry("date_deadline", Instant.parse("2026-03-20T07:00:00Z"))
                .containsEntry("allocated_hours", 12.0).containsEntry("state", "01_in_progress")
                .containsEntry(OdooModel.ASSIGNEES, List.of(2L, crew))
                .doesNotContainKey("parent_id");
        assertThat(handler.latest(COST_CODE, account).orElseThrow().values()).containsEntry("name", "Site A")
                .containsEntry("plan_id", new Reference(1, "Projects")).doesNotContainKey("code");
        assertThat(handler.latest(EQUIPMENT, equipment).orElseThrow().values()).containsEntry("serial_no", "EX-12")
                .doesNotContainKey("category_id").doesNotContainKey("cost");

        awaitFullCycle(source);
        int before = handler.count();
        client.write("project.task", List.of(task), Map.of("name", "Pour foundation, east wing"));

        await().atMost(PATIENCE).until(() -> handler.count() > before);
        awaitFullCycle(source);
        assertThat(handler.since(before)).singleElement().satisfies(changed -> {
            assertThat(changed.model()).isEqualTo(TASK);
            assertThat(changed.id()).isEqualTo(task);
            assertThat(changed.values()).containsEntry("name", "Pour foundation, east wing");
        });
    }

    @Test
    void recordsSharingOneWriteDateAreEachPublishedOnceAcrossPageBoundaries() {
        startOdoo(OdooStandInOptions.defaults().withClock(Clock.fixed(ONE_SECOND, ZoneOffset.UTC)));
        List<Long> equipment = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            equipment.add((long) odoo.seed("maintenance.equipment", Map.of("name", "Crane C-" + i)));
        }
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of("trestle.odoo-connector.polling.page-size", "3"));

        source.start(handler);

        awaitEverythingPublished(handler);
        awaitFullCycle(source);
        assertEverythingPublishedOnce(handler);
        assertThat(source.status().models().get(EQUIPMENT).cursor())
                .isEqualTo(new Cursor(ONE_SECOND, equipment.get(equipment.size() - 1)));

        // Written in the cursor's own second with the lowest id: a cursor on (write_date, id) alone would miss it.
        int before = handler.count();
        client.write("maintenance.equipment", List.of(equipment.get(0)), Map.of("name", "Crane C-1 (serviced)"));

        await().atMost(PATIENCE).until(() -> handler.count() > before);
        awaitFullCycle(source);
        assertThat(handler.since(before)).singleElement().satisfies(changed -> {
            assertThat(changed.id()).isEqualTo(equipment.get(0));
            assertThat(changed.values()).containsEntry("name", "Crane C-1 (serviced)");
        });
    }

    @Test
    void aRestartedSourceResumesFromTheStoredPositionsAndHandsOverDeletionsMadeWhileItWasDown() {
        startOdoo(OdooStandInOptions.defaults());
        long project = odoo.seed("project.project", Map.of("name", "Site A"));
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12"));
        long scrapped = odoo.seed("maintenance.equipment", Map.of("name", "Compactor P-2"));
        RecordingHandler beforeRestart = new RecordingHandler();
        PollingSource first = source(Map.of());
        first.start(beforeRestart);
        awaitEverythingPublished(beforeRestart);
        awaitFullCycle(first);
        first.close();

        client.write("project.project", List.of(project), Map.of("name", "Site A, phase 2"));
        long added = odoo.seed("maintenance.equipment", Map.of("name", "Dumper D-3"));
        client.unlink("maintenance.equipment", List.of(scrapped));
        RecordingHandler afterRestart = new RecordingHandler();
        PollingSource second = source(Map.of());

        second.start(afterRestart);

        await().atMost(PATIENCE).until(() -> afterRestart.count() >= 3);
        awaitFullCycle(second);
        assertThat(afterRestart.all()).extracting(PollingSourceTest::describe).containsExactlyInAnyOrder(
                "project.project/" + project, "maintenance.equipment/" + added,
                "maintenance.equipment/" + scrapped + " deleted");
        assertThat(afterRestart.latest(PROJECT, project).orElseThrow().values()).containsEntry("name",
                "Site A, phase 2");
    }

    @Test
    void aReconciliationThatWouldDeleteMostRecordsIsRefusedAndReportedInsteadOfTombstoningThem() {
        startOdoo(OdooStandInOptions.defaults());
        List<Long> machines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            machines.add((long) odoo.seed("maintenance.equipment", Map.of("name", "Machine " + i)));
        }
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of("trestle.odoo-connector.polling.reconciliation", "PT0.3S"));
        source.start(handler);
        awaitEverythingPublished(handler);

        client.unlink("maintenance.equipment", machines.subList(0, 11));

        await().atMost(PATIENCE).until(() -> source.status().lastFailure() != null
                && source.status().lastFailure().message().contains("would delete 11 of 20"));
        assertThat(handler.of(EQUIPMENT).stream().filter(OdooRecord::deleted)).isEmpty();
        assertThat(source.health().ready()).isFalse();
        assertThat(source.status().models().get(EQUIPMENT).known()).isEqualTo(20);
    }

    @Test
    void aDeletedRecordIsHandedOverAsADeletionAtTheNextReconciliation() {
        startOdoo(OdooStandInOptions.defaults());
        long kept = odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12"));
        long scrapped = odoo.seed("maintenance.equipment", Map.of("name", "Compactor P-2"));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of("trestle.odoo-connector.polling.reconciliation", "PT0.3S"));
        source.start(handler);
        awaitEverythingPublished(handler);

        client.unlink("maintenance.equipment", List.of(scrapped));

        await().atMost(PATIENCE)
                .until(() -> handler.latest(EQUIPMENT, scrapped).map(OdooRecord::deleted).orElse(false));
        awaitFullCycle(source);
        assertThat(handler.of(EQUIPMENT).stream().filter(OdooRecord::deleted))
                .containsExactly(OdooRecord.deletion(EQUIPMENT, scrapped));
        assertThat(handler.latest(EQUIPMENT, kept).orElseThrow().deleted()).isFalse();
        assertThat(source.status().models().get(EQUIPMENT).deletions()).isEqualTo(1);
        assertThat(source.status().models().get(EQUIPMENT).known()).isEqualTo(1);
    }

    @Test
    void afterOdooWasUnreachableEveryChangeIsPublishedExactlyOnce() {
        startOdoo(OdooStandInOptions.defaults());
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12"));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of());
        source.start(handler);
        awaitEverythingPublished(handler);

        odoo.faults().refuseConnectionsUntilCleared();
        long duringOutage = odoo.seed("maintenance.equipment", Map.of("name", "Generator G-7"));
        await().atMost(PATIENCE).until(() -> source.status().consecutiveFailures() >= 2);
        assertThat(source.status().state()).isEqualTo(PollingStatus.State.RETRYING);
        assertThat(source.status().lastFailure()).isNotNull();
        assertThat(handler.latest(EQUIPMENT, duringOutage)).isEmpty();

        odoo.faults().clear();

        await().atMost(PATIENCE).until(() -> handler.latest(EQUIPMENT, duringOutage).isPresent());
        awaitFullCycle(source);
        assertEverythingPublishedOnce(handler);
        assertThat(source.status().state()).isEqualTo(PollingStatus.State.POLLING);
        assertThat(source.status().consecutiveFailures()).isZero();
    }

    @Test
    void pagesTheHandlerRefusedAreHandedOverAgainAndNoneIsSkipped() {
        startOdoo(OdooStandInOptions.defaults());
        for (int i = 1; i <= 5; i++) {
            odoo.seed("maintenance.equipment", Map.of("name", "Crane C-" + i));
        }
        RecordingHandler handler = new RecordingHandler(3);
        PollingSource source = source(Map.of("trestle.odoo-connector.polling.page-size", "2"));

        source.start(handler);

        awaitEverythingPublished(handler);
        assertThat(source.status().lastFailure().message()).contains("did not acknowledge");
    }

    @Test
    void archivedRecordsArePublishedWithActiveFalse() {
        startOdoo(OdooStandInOptions.defaults());
        long retired = odoo.seed("maintenance.equipment", Map.of("name", "Old crane", "active", false));
        long project = odoo.seed("project.project", Map.of("name", "Site A"));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of());
        source.start(handler);
        awaitEverythingPublished(handler);
        assertThat(handler.latest(EQUIPMENT, retired).orElseThrow().values()).containsEntry("active", false);

        client.write("project.project", List.of(project), Map.of("active", false));

        await().atMost(PATIENCE).until(
                () -> Boolean.FALSE.equals(handler.latest(PROJECT, project).orElseThrow().values().get("active")));
    }

    @Test
    void translatableNamesAreReadInTheConfiguredLanguage() {
        startOdoo(OdooStandInOptions.defaults());
        long project = odoo.seed("project.project", Map.of("name", "Site A"));
        client.execute("project.project", "write", List.of(List.of(project), Map.of("name", "Chantier A")),
                Map.of("context", Map.of("lang", "fr_FR")));
        RecordingHandler handler = new RecordingHandler();

        source(Map.of("trestle.odoo-connector.language", "fr_FR")).start(handler);

        await().atMost(PATIENCE).until(() -> handler.latest(PROJECT, project).isPresent());
        assertThat(handler.latest(PROJECT, project).orElseThrow().values()).containsEntry("name", "Chantier A");
    }

    @Test
    void theConfiguredRateFieldIsReadWithTheEquipment() {
        startOdoo(OdooStandInOptions.defaults());
        long excavator = odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12", "cost", 85.5));
        RecordingHandler handler = new RecordingHandler();

        source(Map.of(RATE_FIELD, "cost")).start(handler);

        await().atMost(PATIENCE).until(() -> handler.latest(EQUIPMENT, excavator).isPresent());
        assertThat(handler.latest(EQUIPMENT, excavator).orElseThrow().values()).containsEntry("cost", 85.5);
    }

    @Test
    void aRateFieldOdooDoesNotHaveIsReportedAndNothingIsPublished() {
        startOdoo(OdooStandInOptions.defaults());
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12"));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of(RATE_FIELD, "x_hourly_rate"));

        source.start(handler);

        await().atMost(PATIENCE).until(() -> source.status().lastFailure() != null);
        assertThat(source.status().lastFailure().message())
                .contains("maintenance.equipment has no field 'x_hourly_rate'").contains(RATE_FIELD);
        assertThat(source.status().state()).isEqualTo(PollingStatus.State.RETRYING);
        assertThat(handler.count()).isZero();
    }

    @Test
    void aChangeCommittedBehindTheCursorIsFoundByReconciliation() {
        SettableClock clock = new SettableClock(ONE_SECOND);
        startOdoo(OdooStandInOptions.defaults().withClock(clock));
        odoo.seed("maintenance.equipment", Map.of("name", "Excavator EX-12"));
        RecordingHandler handler = new RecordingHandler();
        PollingSource source = source(Map.of("trestle.odoo-connector.polling.reconciliation", "PT0.3S"));
        source.start(handler);
        awaitEverythingPublished(handler);
        // The cycle moves the cursor once the broker acknowledged what the handler was given: wait for that too.
        Cursor cursor = await().atMost(PATIENCE).until(() -> source.status().models().get(EQUIPMENT).cursor(),
                java.util.Objects::nonNull);

        // Odoo stamps write_date when a transaction starts: one that ran for a minute commits behind the cursor.
        clock.set(ONE_SECOND.minusSeconds(60));
        long late = odoo.seed("maintenance.equipment", Map.of("name", "Generator G-7"));

        await().atMost(PATIENCE).until(() -> handler.latest(EQUIPMENT, late).isPresent());
        assertThat(source.status().models().get(EQUIPMENT).cursor()).isEqualTo(cursor);
        assertEverythingPublishedOnce(handler);
    }

    @Test
    void json2ReadsTheSameRecordsAsJsonRpc() {
        startOdoo(OdooStandInOptions.defaults());
        long project = odoo.seed("project.project", Map.of("name", "Site A", "date_start", "2026-03-02"));
        odoo.seed("project.task", Map.of("name", "Pour foundation", "project_id", project));
        odoo.seed("maintenance.equipment", Map.of("name", "Old crane", "active", false));
        client.execute("project.project", "write", List.of(List.of(project), Map.of("name", "Chantier A")),
                Map.of("context", Map.of("lang", "fr_FR")));
        OdooClient json2 = OdooClient.create(OdooClientConfig
                .of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey())
                .withProtocol(OdooProtocol.JSON_2));
        toClose.add(json2);
        RecordingHandler overJsonRpc = new RecordingHandler();
        RecordingHandler overJson2 = new RecordingHandler();
        Map<String, String> french = Map.of("trestle.odoo-connector.language", "fr_FR");

        source(french, client, positionsTopic).start(overJsonRpc);
        source(french, json2, positionsTopic + "-json2").start(overJson2);

        awaitEverythingPublished(overJsonRpc);
        awaitEverythingPublished(overJson2);
        assertThat(overJson2.all()).containsExactlyInAnyOrderElementsOf(overJsonRpc.all());
        assertThat(overJson2.latest(PROJECT, project).orElseThrow().values()).containsEntry("name", "Chantier A");
    }

    private void startOdoo(OdooStandInOptions options) {
        odoo = OdooStandIn.start(options);
        toClose.add(odoo);
        // Few, quick retries: an outage then fails a cycle within milliseconds instead of seconds.
        client = OdooClient.create(OdooClientConfig.of(odoo.url(), odoo.database(), odoo.adminLogin(),
                odoo.adminApiKey()).withProtocol(OdooProtocol.JSON_RPC)
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50))));
        toClose.add(client);
    }

    private PollingSource source(Map<String, String> settings) {
        return source(settings, client, positionsTopic);
    }

    private PollingSource source(Map<String, String> settings, OdooClient odooClient, String topic) {
        Map<String, String> properties = new HashMap<>();
        properties.put("trestle.odoo-connector.topics.positions", topic);
        properties.put("trestle.odoo-connector.polling.interval", "PT0.2S");
        properties.put("trestle.odoo-connector.polling.page-size", "50");
        properties.put("trestle.odoo-connector.polling.reconciliation", "PT1H");
        properties.putAll(settings);
        ConnectorConfig config = new SmallRyeConfigBuilder().withMapping(ConnectorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "polling-test", 500)).build()
                .getConfigMapping(ConnectorConfig.class);
        PollingSource source = new PollingSource(config, odooClient,
                KafkaConnection.plaintext(stack.bootstrapServers()));
        toClose.add(source);
        return source;
    }

    /** Every record of the four models handed over, each exactly once. */
    private void awaitEverythingPublished(RecordingHandler handler) {
        await().atMost(PATIENCE).untilAsserted(() -> assertEverythingPublishedOnce(handler));
    }

    private void assertEverythingPublishedOnce(RecordingHandler handler) {
        for (OdooModel model : OdooModel.values()) {
            List<Long> inOdoo = odoo.records(model.model()).stream().map(row -> ((Number) row.get("id")).longValue())
                    .toList();
            assertThat(handler.of(model)).as(model.model()).extracting(OdooRecord::id)
                    .containsExactlyInAnyOrderElementsOf(inOdoo);
        }
    }

    /** Waits for two more cycles to end: the second of them began after this was called. */
    private static void awaitFullCycle(PollingSource source) {
        for (int i = 0; i < 2; i++) {
            Instant from = Instant.now();
            await().atMost(PATIENCE).until(() -> {
                Instant last = source.status().lastSuccessfulCycle();
                return last != null && last.isAfter(from);
            });
        }
    }

    private Map<String, Object> record(String model, long id) {
        return odoo.records(model).stream().filter(row -> ((Number) row.get("id")).longValue() == id).findFirst()
                .orElseThrow();
    }

    private static String describe(OdooRecord record) {
        return record.model().model() + "/" + record.id() + (record.deleted() ? " deleted" : "");
    }
}
