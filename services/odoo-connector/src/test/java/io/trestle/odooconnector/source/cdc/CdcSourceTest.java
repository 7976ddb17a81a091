package io.trestle.odooconnector.source.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.kafka.KafkaConnection;
import io.trestle.odooconnector.source.ChangeHandler;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;
import io.trestle.odooconnector.source.cdc.CdcStatus.Phase;
import io.trestle.testkit.TrestleStack;

/** Change-data-capture against a real PostgreSQL holding Odoo 17's tables, with positions in a real Kafka. */
class CdcSourceTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafka().withPostgres();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private OdooDatabase odoo;
    private String slot;

    @BeforeEach
    void createDatabase() {
        odoo = OdooDatabase.create(stack.postgresServer());
        slot = odoo.newSlot();
    }

    @AfterEach
    void closeSourcesAndDropSlots() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        odoo.close();
    }

    @Test
    void snapshotHandsOverExistingRowsNormalisedThenStreams() {
        odoo.execute("ALTER TABLE maintenance_equipment ADD COLUMN x_hourly_rate numeric",
                "INSERT INTO res_company (id, name) VALUES (1, 'Trestle Construction')",
                "INSERT INTO project_task_type (id, name) VALUES (5, '{\"en_US\": \"In Progress\", \"fr_FR\": \"En cours\"}')",
                "INSERT INTO account_analytic_plan (id, name) VALUES (2, '{\"en_US\": \"Projects\", \"fr_FR\": \"Projets\"}')",
                "INSERT INTO maintenance_equipment_category (id, name) VALUES (3, '{\"en_US\": \"Excavators\"}')",
                """
                        INSERT INTO account_analytic_account (id, plan_id, company_id, code, name, active, write_date)
                        VALUES (10, 2, 1, 'CC-100', '{"en_US": "Earthworks", "fr_FR": "Terrassement"}', true,
                                '2026-03-02 08:15:30.123456')""",
                """
                        INSERT INTO project_project (id, alias_id, company_id, analytic_account_id, privacy_visibility,
                            rating_status, rating_status_period, last_update_status, date_start, date, name, active,
                            write_date)
                        VALUES (20, 1, 1, 10, 'portal', 'stage', 'monthly', 'on_track', '2026-03-01', '2026-09-30',
                                '{"en_US": "Harbour Bridge", "fr_FR": "Pont du port"}', true, '2026-03-02 08:16:00')""",
                """
                        INSERT INTO project_task (id, project_id, company_id, stage_id, analytic_account_id, name, state,
                            active, date_deadline, allocated_hours, write_date)
                        VALUES (30, 20, 1, 5, 10, 'Pour footings', '01_in_progress', NULL, '2026-04-15 16:00:00', 40.5,
                                '2026-03-02 08:17:00')""",
                "INSERT INTO project_task_user_rel (task_id, user_id) VALUES (30, 8)",
                """
                        INSERT INTO maintenance_equipment (id, company_id, category_id, name, serial_no, model,
                            effective_date, equipment_assign_to, active, x_hourly_rate, write_date)
                        VALUES (40, 1, 3, '{"en_US": "Excavator CAT 320"}', 'CAT320-0042', '320 GC', '2025-01-10',
                                'other', true, 95.50, '2026-03-02 08:18:00')""");
        RecordingHandler handler = new RecordingHandler();

        CdcSource source = start(Map.of("trestle.odoo-connector.language", "fr_FR",
                "trestle.odoo-connector.rates.equipment-field", "x_hourly_rate"), handler);

        // One call per engine batch while the snapshot reads; how the rows fall into batches is Debezium's choice.
        List<OdooRecord> snapshot = handler.awaitRecords(4);
        Reference company = new Reference(1, "Trestle Construction");
        assertThat(snapshot).containsExactlyInAnyOrder(
                new OdooRecord(OdooModel.COST_CODE, 10, values("name", "Terrassement", "active", true, "code", "CC-100",
                        "company_id", company, "plan_id", new Reference(2, "Projets"), "write_date",
                        Instant.parse("2026-03-02T08:15:30.123456Z")), false),
                new OdooRecord(OdooModel.PROJECT, 20, values("name", "Pont du port", "active", true, "company_id",
                        company, "analytic_account_id", new Reference(10, "Terrassement"), "date_start",
                        LocalDate.parse("2026-03-01"), "date", LocalDate.parse("2026-09-30"), "write_date",
                        Instant.parse("2026-03-02T08:16:00Z")), false),
                new OdooRecord(OdooModel.TASK, 30, values("name", "Pour footings", "active", false, "project_id",
                        new Reference(20, "Pont du port"), "company_id", company, "parent_id", null, "stage_id",
                        new Reference(5, "En cours"), "state", "01_in_progress", "analytic_account_id",
                        new Reference(10, "Terrassement"), "date_deadline", Instant.parse("2026-04-15T16:00:00Z"),
                        "allocated_hours", 40.5, "write_date", Instant.parse("2026-03-02T08:17:00Z"),
                        OdooModel.ASSIGNEES, List.of(8L)), false),
                new OdooRecord(OdooModel.EQUIPMENT, 40, values("name", "Excavator CAT 320", "active", true, "serial_no",
                        "CAT320-0042", "model", "320 GC", "category_id", new Reference(3, "Excavators"), "company_id",
                        company, "write_date", Instant.parse("2026-03-02T08:18:00Z"), "x_hourly_rate", 95.5), false));

        awaitStreaming(source);
        odoo.execute("UPDATE project_task SET name = 'Pour footings, east' WHERE id = 30");
        assertThat(handler.awaitCallWith(OdooModel.TASK, 30, task -> task.values().get("name").equals(
                "Pour footings, east"))).hasSize(1);
    }

    @Test
    void insertUpdateAndDeleteAreHandedOverAsTheyCommit() {
        RecordingHandler handler = new RecordingHandler();
        CdcSource source = start(Map.of(), handler);
        awaitStreaming(source);

        odoo.execute(insertTask(31, "Rebar delivery"));
        List<OdooRecord> inserted = handler.awaitCallWith(OdooModel.TASK, 31, task -> true);
        odoo.execute("UPDATE project_task SET state = '1_done', write_date = '2026-03-05 10:00:00' WHERE id = 31");
        List<OdooRecord> updated = handler.awaitCallWith(OdooModel.TASK, 31,
                task -> "1_done".equals(task.values().get("state")));
        odoo.execute("DELETE FROM project_task WHERE id = 31");
        List<OdooRecord> deleted = handler.awaitCallWith(OdooModel.TASK, 31, OdooRecord::deleted);

        assertThat(inserted).singleElement().satisfies(task -> {
            assertThat(task.values()).containsEntry("name", "Rebar delivery").containsEntry("state",
                    "01_in_progress");
            assertThat(task.deleted()).isFalse();
        });
        assertThat(updated).singleElement()
                .satisfies(task -> assertThat(task.writeDate()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z")));
        assertThat(deleted).containsExactly(OdooRecord.deletion(OdooModel.TASK, 31));
        assertThat(handler.calls()).hasSize(3);
        assertThat(source.status().lastTransaction()).isPresent();
    }

    @Test
    void recordWrittenSeveralTimesInOneTransactionIsHandedOverOnceInItsFinalState() {
        RecordingHandler handler = new RecordingHandler();
        CdcSource source = start(Map.of(), handler);
        awaitStreaming(source);

        // What one Odoo create call does: INSERT, then UPDATEs as it flushes computed fields.
        odoo.execute(insertTask(32, "Draft"), "UPDATE project_task SET name = 'Formwork' WHERE id = 32",
                insertProject(21, "{\"en_US\": \"Ring Road\"}"),
                "UPDATE project_task SET project_id = 21, allocated_hours = 16 WHERE id = 32",
                "INSERT INTO project_task_user_rel (task_id, user_id) VALUES (32, 7), (32, 5)",
                "UPDATE project_project SET active = false WHERE id = 21");

        List<OdooRecord> call = handler.awaitCallWith(OdooModel.PROJECT, 21, project -> true);
        assertThat(call).hasSize(2);
        assertThat(call.get(0)).satisfies(task -> {
            assertThat(task.model()).isEqualTo(OdooModel.TASK);
            assertThat(task.values()).containsEntry("name", "Formwork").containsEntry("allocated_hours", 16.0)
                    .containsEntry("project_id", new Reference(21, "Ring Road"))
                    .containsEntry(OdooModel.ASSIGNEES, List.of(5L, 7L));
        });
        assertThat(call.get(1).values()).containsEntry("name", "Ring Road").containsEntry("active", false);
        assertThat(handler.calls()).hasSize(1);
    }

    @Test
    void restartInTheMiddleOfAStreamHandsOverExactlyTheRemainingTransactions() throws Exception {
        RecordingHandler first = new RecordingHandler();
        CdcSource source = start(Map.of(), first);
        awaitStreaming(source);
        for (int id = 1; id <= 3; id++) {
            odoo.execute(insertProject(id, "{\"en_US\": \"P" + id + "\"}"));
        }
        first.awaitCalls(3);

        // Odoo keeps committing while the source stops.
        Thread writer = new Thread(() -> {
            for (int id = 4; id <= 15; id++) {
                odoo.execute(insertProject(id, "{\"en_US\": \"P" + id + "\"}"));
            }
        });
        writer.start();
        source.close();
        writer.join();
        assertThat(Thread.getAllStackTraces().keySet()).as("threads left by the closed source")
                .noneMatch(thread -> thread.getName().contains("trestle-odoo-connector-positions"));

        RecordingHandler second = new RecordingHandler();
        start(Map.of(), second);
        List<Long> handedOverFirst = projectIds(first);
        second.awaitRecords(15 - handedOverFirst.size());

        List<Long> handedOverSecond = projectIds(second);
        assertThat(handedOverFirst).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(handedOverSecond).doesNotHaveDuplicates().doesNotContainAnyElementsOf(handedOverFirst);
        assertThat(Stream.concat(handedOverFirst.stream(), handedOverSecond.stream()))
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(second.calls()).allSatisfy(call -> assertThat(call).hasSize(1));
    }

    @Test
    void existingReplicationSlotIsReused() {
        odoo.query("SELECT slot_name FROM pg_create_logical_replication_slot(?, 'pgoutput')", slot);
        RecordingHandler handler = new RecordingHandler();

        CdcSource source = start(Map.of(), handler);
        awaitStreaming(source);
        odoo.execute(insertProject(22, "{\"en_US\": \"Depot\"}"));
        handler.awaitCallWith(OdooModel.PROJECT, 22, project -> true);

        assertThat(odoo.query("SELECT slot_name FROM pg_replication_slots WHERE database = ? AND active",
                odoo.name())).containsExactly(slot);
    }

    @Test
    void slotDroppedWhileStoppedFailsTheSourceRatherThanSkippingChanges() {
        RecordingHandler handler = new RecordingHandler();
        CdcSource first = start(Map.of(), handler);
        awaitStreaming(first);
        odoo.execute(insertProject(25, "{\"en_US\": \"Pier\"}"));
        handler.awaitCallWith(OdooModel.PROJECT, 25, project -> true);
        first.close();
        odoo.dropReplicationSlots();
        odoo.execute(insertProject(26, "{\"en_US\": \"Lost\"}"));

        RecordingHandler afterwards = new RecordingHandler();
        CdcSource second = start(Map.of(), afterwards);

        await().atMost(RecordingHandler.PATIENCE).until(() -> second.status().phase() == Phase.FAILED);
        assertThat(second.status().lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("no longer available on the server"));
        assertThat(afterwards.calls()).isEmpty();
    }

    @Test
    void failingHandlerStopsTheSourceAndItsTransactionIsHandedOverAgain() {
        ChangeHandler failing = records -> {
            throw new IllegalStateException("Kafka is unreachable");
        };
        CdcSource source = start(Map.of(), failing);
        awaitStreaming(source);

        odoo.execute(insertProject(23, "{\"en_US\": \"Quay Wall\"}"));

        await().atMost(RecordingHandler.PATIENCE).until(() -> source.status().phase() == Phase.FAILED);
        assertThat(source.status().lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("Kafka is unreachable"));
        source.close();
        RecordingHandler handler = new RecordingHandler();
        start(Map.of(), handler);
        assertThat(handler.awaitCallWith(OdooModel.PROJECT, 23, project -> true)).hasSize(1);
    }

    @Test
    void heartbeatsLetTheSlotFreeWalThatOnlyOtherTablesWrote() {
        CdcSource source = start(Map.of(), new RecordingHandler());
        awaitStreaming(source);

        // Odoo writes most to tables nobody captures (mail, bus, sessions).
        odoo.execute("CREATE TABLE mail_message (id serial PRIMARY KEY, body text)",
                "INSERT INTO mail_message (body) SELECT md5(i::text) FROM generate_series(1, 1000) i");
        String written = odoo.query("SELECT pg_current_wal_lsn()::text").get(0);

        await().atMost(RecordingHandler.PATIENCE).until(() -> odoo.query(
                "SELECT (confirmed_flush_lsn >= ?::pg_lsn)::text FROM pg_replication_slots WHERE slot_name = ?",
                written, slot).equals(List.of("true")));
    }

    @Test
    void unchangedLargeNameMissingFromTheEventIsReadFromTheDatabase() {
        RecordingHandler handler = new RecordingHandler();
        CdcSource source = start(Map.of(), handler);
        awaitStreaming(source);
        // Random text does not compress, so PostgreSQL moves it out of the row (TOAST).
        String longName = odoo.query("SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 300)")
                .get(0);
        odoo.execute(insertProject(24, "jsonb_build_object('en_US', '" + longName + "')"));
        handler.awaitCallWith(OdooModel.PROJECT, 24, project -> true);

        odoo.execute("UPDATE project_project SET active = false WHERE id = 24");

        assertThat(handler.awaitCallWith(OdooModel.PROJECT, 24,
                project -> Boolean.FALSE.equals(project.values().get("active")))).singleElement()
                .satisfies(project -> assertThat(project.values()).containsEntry("name", longName));
    }

    private static void awaitStreaming(CdcSource source) {
        await().atMost(RecordingHandler.PATIENCE).until(() -> source.status().phase() == Phase.STREAMING);
    }

    private static List<Long> projectIds(RecordingHandler handler) {
        return handler.records().stream().filter(record -> record.model() == OdooModel.PROJECT).map(OdooRecord::id)
                .toList();
    }

    /** A task with the columns Odoo requires; the name is plain text, tasks' names are not translated. */
    private static String insertTask(long id, String name) {
        return "INSERT INTO project_task (id, name, state, active, write_date) VALUES (" + id + ", '" + name
                + "', '01_in_progress', true, '2026-03-04 09:00:00')";
    }

    /** A project with the columns Odoo requires; {@code name} is a jsonb literal or expression. */
    private static String insertProject(long id, String name) {
        String value = name.startsWith("{") ? "'" + name + "'" : name;
        return "INSERT INTO project_project (id, alias_id, privacy_visibility, rating_status, rating_status_period, "
                + "last_update_status, name, active) VALUES (" + id + ", 1, 'portal', 'stage', 'monthly', "
                + "'on_track', " + value + ", true)";
    }

    private CdcSource start(Map<String, String> settings, ChangeHandler handler) {
        CdcSource source = new CdcSource(odoo.config(slot, "cdc-positions-" + slot, settings),
                KafkaConnection.plaintext(stack.bootstrapServers()));
        opened.add(source);
        source.start(handler);
        return source;
    }

    /** A record's values; unlike Map.of, keeps nulls. */
    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}
