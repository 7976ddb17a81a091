package io.trestle.odooconnector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.CrosswalkEntry;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;
import io.trestle.schema.master.OdooTaskState;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;
import io.trestle.schema.topic.TopicNames;

class MasterDataMapperTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T07:00:00Z");

    private final MasterDataMapper mapper = new MasterDataMapper(topics(), Optional.of("x_hourly_rate"), "EUR",
            Clock.fixed(MONDAY.plusSeconds(3600), ZoneOffset.UTC));

    @Test
    void aProjectTakesItsCodeFromItsAnalyticAccountAndTheAccountNamesItsProject() {
        publish(record(OdooModel.COST_CODE, 7, Map.of("name", "Riverside Bridge", "code", "RB-2026", "active", true,
                "plan_id", new Reference(1, "Projects"), "write_date", MONDAY)));
        ProjectSnapshot project = (ProjectSnapshot) publish(record(OdooModel.PROJECT, 42,
                Map.of("name", "Riverside Bridge", "active", true, "analytic_account_id", new Reference(7, null),
                        "company_id", new Reference(1, "Trestle Construction"), "date_start",
                        LocalDate.parse("2026-12-01"), "write_date", MONDAY)))
                .value();

        assertThat(project.getProjectId()).isEqualTo("42");
        assertThat(project.getCode()).isEqualTo("RB-2026");
        assertThat(project.getCostCodeId()).isEqualTo("7");
        assertThat(project.getCompanyId()).isEqualTo("1");
        assertThat(project.getStartDate()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(project.getMetadata().getOccurredAt()).isEqualTo(MONDAY);
        CostCodeSnapshot account = (CostCodeSnapshot) publish(record(OdooModel.COST_CODE, 7,
                Map.of("name", "Riverside Bridge", "code", "RB-2026", "active", true, "write_date", MONDAY)))
                .value();
        assertThat(account.getProjectId()).isEqualTo("42");
    }

    @Test
    void aTaskCarriesItsProjectStageStateAndDeadlineAndPrivateTasksAreNotPublished() {
        ProjectTaskSnapshot task = (ProjectTaskSnapshot) publish(record(OdooModel.TASK, 5,
                Map.of("name", "Pour deck", "active", true, "project_id", new Reference(42, "Riverside Bridge"),
                        "stage_id", new Reference(3, "In Progress"), "state", "1_canceled", "date_deadline",
                        MONDAY, "allocated_hours", 40.0, "user_ids", List.of(9L, 12L), "write_date", MONDAY)))
                .value();

        assertThat(task.getProjectId()).isEqualTo("42");
        assertThat(task.getStageName()).isEqualTo("In Progress");
        assertThat(task.getState()).isEqualTo(OdooTaskState.CANCELLED);
        assertThat(task.getPlannedEnd()).isEqualTo(MONDAY);
        assertThat(task.getAllocatedHours()).isEqualTo(40.0);
        assertThat(task.getAssigneeUserIds()).containsExactly("9", "12");
        assertThat(mapper.map(List.of(record(OdooModel.TASK, 6, Map.of("name", "Call the bank", "active", true)))))
                .isEmpty();
    }

    @Test
    void theRateHistoryGrowsAPeriodEachTimeTheRateFieldChanges() {
        publish(equipment(90.0, MONDAY));
        publish(equipment(90.0, MONDAY.plusSeconds(60)));
        EquipmentAssetSnapshot asset = (EquipmentAssetSnapshot) publish(equipment(95.5, MONDAY.plusSeconds(86_400)))
                .value();

        assertThat(asset.getHourlyRates()).containsExactly(
                new HourlyRate(Instant.EPOCH, MONDAY.plusSeconds(86_400), new BigDecimal("90.0000"), "EUR"),
                new HourlyRate(MONDAY.plusSeconds(86_400), null, new BigDecimal("95.5000"), "EUR"));
        assertThat(asset.getSerialNumber()).isEqualTo("CAT0320XKZP01234");
        assertThat(asset.getCategory()).isEqualTo("Excavators");
    }

    @Test
    void aDeletedRecordGetsItsLastSnapshotMarkedDeletedThenATombstone() {
        publish(equipment(90.0, MONDAY));

        List<Publication> deletion = mapper.map(List.of(OdooRecord.deletion(OdooModel.EQUIPMENT, 17)));
        mapper.published(deletion);

        assertThat(deletion).hasSize(3);
        assertThat(((CrosswalkEntry) deletion.get(0).value()).getActive()).as("serial number withdrawn").isFalse();
        assertThat(((EquipmentAssetSnapshot) deletion.get(1).value()).getDeleted()).isTrue();
        assertThat(((EquipmentAssetSnapshot) deletion.get(1).value()).getName()).isEqualTo("Excavator CAT 320 #7");
        assertThat(deletion.get(2)).isEqualTo(new Publication(TopicNames.MASTER_EQUIPMENT_ASSET, "17", null));
        assertThat(mapper.map(List.of(OdooRecord.deletion(OdooModel.EQUIPMENT, 17))))
                .as("a record deleted before it was published, or twice, gets only its tombstone")
                .containsExactly(new Publication(TopicNames.MASTER_EQUIPMENT_ASSET, "17", null));
    }

    @Test
    void anAssetsSerialNumberResolvesToItThroughTheCrosswalkUntilItChanges() {
        List<Publication> first = mapper.map(List.of(equipment(90.0, MONDAY)));
        mapper.published(first);
        Map<String, Object> renumbered = new HashMap<>(equipment(90.0, MONDAY.plusSeconds(60)).values());
        renumbered.put("serial_no", "CAT0320XKZP09999");
        List<Publication> second = mapper.map(List.of(record(OdooModel.EQUIPMENT, 17, renumbered)));
        mapper.published(second);

        assertThat(first).extracting(Publication::topic).containsExactly(TopicNames.MASTER_CROSSWALK,
                TopicNames.MASTER_EQUIPMENT_ASSET);
        CrosswalkEntry entry = (CrosswalkEntry) first.get(0).value();
        assertThat(first.get(0).key()).isEqualTo("odoo|equipment-serial|CAT0320XKZP01234");
        assertThat(entry.getCanonicalType()).isEqualTo("equipment");
        assertThat(entry.getCanonicalId()).isEqualTo("17");
        assertThat(entry.getActive()).isTrue();
        assertThat(second).filteredOn(publication -> publication.topic().equals(TopicNames.MASTER_CROSSWALK))
                .extracting(Publication::key, publication -> ((CrosswalkEntry) publication.value()).getActive())
                .containsExactly(tuple("odoo|equipment-serial|CAT0320XKZP01234", false),
                        tuple("odoo|equipment-serial|CAT0320XKZP09999", true));
        assertThat(mapper.map(List.of(record(OdooModel.EQUIPMENT, 17, renumbered))))
                .as("an unchanged serial number publishes no crosswalk entry").extracting(Publication::topic)
                .containsExactly(TopicNames.MASTER_EQUIPMENT_ASSET);
    }

    @Test
    void aDatabaseRowAndAnApiRecordOfTheSameVersionPublishTheSameSnapshot() {
        Map<String, Object> fromDatabase = new HashMap<>(equipment(90.0, MONDAY.plusNanos(123_456_000)).values());
        fromDatabase.put("x_hourly_rate", null);
        Map<String, Object> fromApi = new HashMap<>(equipment(90.0, MONDAY).values());
        fromApi.put("x_hourly_rate", 0.0);

        EquipmentAssetSnapshot database = (EquipmentAssetSnapshot) last(
                new MasterDataMapper(topics(), Optional.of("x_hourly_rate"), "EUR", Clock.fixed(MONDAY, ZoneOffset.UTC))
                        .map(List.of(record(OdooModel.EQUIPMENT, 17, fromDatabase))));
        EquipmentAssetSnapshot api = (EquipmentAssetSnapshot) last(
                new MasterDataMapper(topics(), Optional.of("x_hourly_rate"), "EUR", Clock.fixed(MONDAY, ZoneOffset.UTC))
                        .map(List.of(record(OdooModel.EQUIPMENT, 17, fromApi))));

        assertThat(database).isEqualTo(api);
        assertThat(api.getHourlyRates()).as("an empty rate field is no rate").isEmpty();
        assertThat(api.getMetadata().getOccurredAt()).isEqualTo(MONDAY);
    }

    private static Object last(List<Publication> publications) {
        return publications.get(publications.size() - 1).value();
    }

    @Test
    void theSameVersionOfARecordAlwaysGetsTheSameEventId() {
        OdooRecord version = equipment(90.0, MONDAY);

        assertThat(eventId(version)).isEqualTo(eventId(version))
                .isNotEqualTo(eventId(equipment(90.0, MONDAY.plusSeconds(1))));
    }

    private Object eventId(OdooRecord record) {
        List<Publication> publications = mapper.map(List.of(record));
        return ((EquipmentAssetSnapshot) publications.get(publications.size() - 1).value()).getMetadata().getEventId();
    }

    /** Maps and publishes the record; returns its snapshot's publication (after any crosswalk entries). */
    private Publication publish(OdooRecord record) {
        List<Publication> publications = mapper.map(List.of(record));
        mapper.published(publications);
        assertThat(publications).isNotEmpty();
        return publications.get(publications.size() - 1);
    }

    private static OdooRecord equipment(double rate, Instant writeDate) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", "Excavator CAT 320 #7");
        values.put("active", true);
        values.put("serial_no", "CAT0320XKZP01234");
        values.put("category_id", new Reference(2, "Excavators"));
        values.put("x_hourly_rate", rate);
        values.put("write_date", writeDate);
        return record(OdooModel.EQUIPMENT, 17, values);
    }

    private static OdooRecord record(OdooModel model, long id, Map<String, Object> values) {
        return new OdooRecord(model, id, values, false);
    }

    static ConnectorConfig.Topics topics() {
        return new ConnectorConfig.Topics() {

            @Override
            public String projects() {
                return TopicNames.MASTER_PROJECT;
            }

            @Override
            public String tasks() {
                return TopicNames.MASTER_PROJECT_TASK;
            }

            @Override
            public String costCodes() {
                return TopicNames.MASTER_COST_CODE;
            }

            @Override
            public String equipment() {
                return TopicNames.MASTER_EQUIPMENT_ASSET;
            }

            @Override
            public String crosswalk() {
                return TopicNames.MASTER_CROSSWALK;
            }

            @Override
            public String positions() {
                return "trestle.internal.odoo-connector.positions";
            }
        };
    }
}
