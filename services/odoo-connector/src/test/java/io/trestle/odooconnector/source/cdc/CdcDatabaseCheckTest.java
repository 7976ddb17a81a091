package io.trestle.odooconnector.source.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.trestle.kafka.KafkaConnection;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.cdc.CdcStatus.Phase;
import io.trestle.testkit.TrestleStack;

/**
 * A database that cannot be captured is refused at start, before Debezium runs, with a message that says what to fix.
 * Every refusal here happens before the source needs Kafka, so the sources get an address nothing listens on.
 */
class CdcDatabaseCheckTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.postgres();

    private static final KafkaConnection NO_KAFKA = KafkaConnection.plaintext("127.0.0.1:9");
    private static final List<String> CAPTURED = List.of("public.account_analytic_account",
            "public.maintenance_equipment", "public.project_project", "public.project_task");
    /** The captured tables and the relation table the tasks' assignees are read from. */
    private static final List<String> READ = List.of("public.account_analytic_account",
            "public.maintenance_equipment", "public.project_project", "public.project_task",
            "public.project_task_user_rel");

    private OdooDatabase odoo;
    private String slot;

    @BeforeEach
    void createDatabase() {
        odoo = OdooDatabase.create(stack.postgresServer());
        slot = odoo.newSlot();
    }

    @AfterEach
    void dropSlots() {
        odoo.close();
    }

    @Test
    void walLevelOtherThanLogicalIsRefusedWithTheSettingToChange() throws Exception {
        try (PhysicalOnlyPostgres replicaOnly = PhysicalOnlyPostgres.start()) {
            CdcSource source = new CdcSource(OdooDatabase.connectorConfig(Map.of(
                    "trestle.odoo-connector.cdc.host", PhysicalOnlyPostgres.HOST,
                    "trestle.odoo-connector.cdc.port", String.valueOf(replicaOnly.port()),
                    "trestle.odoo-connector.cdc.database", "postgres",
                    "trestle.odoo-connector.cdc.user", PhysicalOnlyPostgres.USER)), NO_KAFKA);

            assertThatThrownBy(() -> source.start(records -> {
            })).isInstanceOf(CdcSetupException.class).hasMessageContainingAll("wal_level=replica",
                    "needs wal_level=logical", "ALTER SYSTEM SET wal_level = logical", "restart PostgreSQL");
            assertThat(source.status().phase()).isEqualTo(Phase.FAILED);
            assertThat(source.status().lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("wal_level=replica"));
        }
    }

    @Test
    void userWithoutTheReplicationRightIsRefusedWithTheGrantToRun() {
        String user = createUser("", CAPTURED);

        assertThatThrownBy(() -> startAs(user)).isInstanceOf(CdcSetupException.class)
                .hasMessageContainingAll("User " + user + " may not use logical replication",
                        "ALTER ROLE \"" + user + "\" WITH REPLICATION");
    }

    @Test
    void userWhoMayNotReadATableIsRefusedWithTheGrantToRun() {
        String user = createUser("REPLICATION", CAPTURED.subList(0, 3));

        assertThatThrownBy(() -> startAs(user)).isInstanceOf(CdcSetupException.class)
                .hasMessageContaining("GRANT SELECT ON public.project_task TO \"" + user + "\"");
    }

    @Test
    void userWhoMayNotReadTheAssigneesIsRefusedWithTheGrant() {
        String user = createUser("REPLICATION", CAPTURED);

        assertThatThrownBy(() -> startAs(user)).isInstanceOf(CdcSetupException.class)
                .hasMessageContaining("may not read public.project_task_user_rel (the tasks' assignees). Run: GRANT "
                        + "SELECT ON public.project_task_user_rel TO \"" + user + "\"");
    }

    @Test
    void userWhoMayNotCreateThePublicationIsRefusedWithTheStatementForTheOwner() {
        String user = createUser("REPLICATION", READ);

        assertThatThrownBy(() -> startAs(user)).isInstanceOf(CdcSetupException.class)
                .hasMessageContainingAll("may not create the publication", "CREATE PUBLICATION trestle_odoo_connector "
                        + "FOR TABLE public.project_project, public.project_task, public.account_analytic_account, "
                        + "public.maintenance_equipment WITH (publish = 'insert, update, delete');");
    }

    @Test
    void missingPublicationIsCreatedForTheFourTables() {
        check(Optional.empty());

        assertThat(odoo.query("SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?",
                "trestle_odoo_connector")).containsExactlyInAnyOrderElementsOf(CAPTURED);
    }

    @Test
    void incompletePublicationIsCompleted() {
        odoo.execute("CREATE PUBLICATION trestle_odoo_connector FOR TABLE public.project_project "
                + "WITH (publish = 'insert')");

        check(Optional.empty());

        assertThat(odoo.query("SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?",
                "trestle_odoo_connector")).containsExactlyInAnyOrderElementsOf(CAPTURED);
        assertThat(odoo.query("SELECT (pubinsert AND pubupdate AND pubdelete)::text FROM pg_publication "
                + "WHERE pubname = ?", "trestle_odoo_connector")).containsExactly("true");
    }

    @Test
    void slotOfAnotherPluginIsRefusedRatherThanTakenOver() {
        odoo.query("SELECT slot_name FROM pg_create_logical_replication_slot(?, 'test_decoding')", slot);

        assertThatThrownBy(() -> check(Optional.empty())).isInstanceOf(CdcSetupException.class)
                .hasMessageContainingAll("slot " + slot + " already exists for plugin test_decoding",
                        "SELECT pg_drop_replication_slot('" + slot + "');");
    }

    @Test
    void configuredRateFieldMissingFromTheEquipmentTableIsRefused() {
        assertThatThrownBy(() -> check(Optional.of("x_hourly_rate"))).isInstanceOf(CdcSetupException.class)
                .hasMessageContaining("public.maintenance_equipment has no column x_hourly_rate (x_hourly_rate is "
                        + "trestle.odoo-connector.rates.equipment-field)");
    }

    /** A login role with the attributes and SELECT on the tables; roles are cluster-wide, so a name of its own. */
    private String createUser(String attributes, List<String> readable) {
        String user = "cdc_" + UUID.randomUUID().toString().substring(0, 8);
        odoo.execute("CREATE ROLE " + user + " LOGIN " + attributes + " PASSWORD 'secret'",
                "GRANT SELECT ON " + String.join(", ", readable) + " TO " + user);
        return user;
    }

    private void startAs(String user) {
        ConnectorConfig config = odoo.config(slot, "unused",
                Map.of("trestle.odoo-connector.cdc.user", user, "trestle.odoo-connector.cdc.password", "secret"));
        new CdcSource(config, NO_KAFKA).start(records -> {
        });
    }

    private void check(Optional<String> rateField) {
        ConnectorConfig.Cdc cdc = odoo.config(slot, "unused", Map.of()).cdc();
        new DatabaseCheck(PostgresTarget.from(cdc), cdc.slot(), cdc.publication(), new CapturedColumns(rateField))
                .run();
    }
}
