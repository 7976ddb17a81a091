package io.trestle.schedule.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import io.trestle.schedule.export.structure.ProjectStructure;
import io.trestle.schedule.export.structure.StructureChange;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.master.CostCodeSnapshot;
import io.trestle.schema.master.OdooTaskState;
import io.trestle.schema.master.ProjectSnapshot;
import io.trestle.schema.master.ProjectTaskSnapshot;

/**
 * Master-data snapshots as the odoo-connector publishes them, and Harbour Quay: a project with phases, work packages
 * three levels deep, cost codes of its own and inherited, a cancelled and an archived branch; and a small depot project
 * without code or cost code.
 */
public final class MasterData {

    public static final String HARBOUR_QUAY = "42";
    public static final String DEPOT = "43";

    private MasterData() {
    }

    /** A record for one of the three master-data topics; {@code value} null is a tombstone. */
    public record Published(Kind kind, String key, SpecificRecord value) {
    }

    public enum Kind {
        PROJECT,
        TASK,
        COST_CODE
    }

    /** Harbour Quay and the depot, cost codes first, in the order Odoo would have created them. */
    public static List<Published> harbourQuayAndDepot() {
        return List.of(
                costCode("7", "HQ-2026", "Harbour Quay general"),
                costCode("71", "02-100", "Earthworks"),
                costCode("72", "03-200", "Piling"),
                costCode("73", null, "Dredging"),
                costCode("79", "99-999", "Not used by any project"),
                project(project(HARBOUR_QUAY, "HQ-2026", "Harbour Quay Extension", "7")),
                project(project(DEPOT, null, "Depot", null)),
                task(task("101", HARBOUR_QUAY, null, "Site preparation").setCostCodeId("71").build()),
                task(task("111", HARBOUR_QUAY, "101", "Clearing").build()),
                task(task("112", HARBOUR_QUAY, "101", "Excavation").setCostCodeId("71").build()),
                task(task("102", HARBOUR_QUAY, null, "Piling").setCostCodeId("72").build()),
                task(task("121", HARBOUR_QUAY, "102", "Sheet piles").setCostCodeId("72").build()),
                task(task("122", HARBOUR_QUAY, "121", "Anchors").setCostCodeId("73").build()),
                task(task("103", HARBOUR_QUAY, null, "Deck").build()),
                task(task("131", HARBOUR_QUAY, "103", "Formwork, first design").setState(OdooTaskState.CANCELLED)
                        .build()),
                task(task("104", HARBOUR_QUAY, null, "Old scope").setActive(false).build()),
                task(task("141", HARBOUR_QUAY, "104", "Old scope detail").build()),
                task(task("201", DEPOT, null, "Depot works").build()));
    }

    /** Folds the records into the structure, in order. */
    public static ProjectStructure fold(List<Published> records) {
        ProjectStructure structure = new ProjectStructure();
        records.forEach(record -> apply(structure, record));
        return structure;
    }

    public static StructureChange apply(ProjectStructure structure, Published record) {
        return switch (record.kind()) {
            case PROJECT -> structure.project(record.key(), (ProjectSnapshot) record.value());
            case TASK -> structure.task(record.key(), (ProjectTaskSnapshot) record.value());
            case COST_CODE -> structure.costCode(record.key(), (CostCodeSnapshot) record.value());
        };
    }

    public static Published project(ProjectSnapshot project) {
        return new Published(Kind.PROJECT, project.getProjectId(), project);
    }

    public static Published task(ProjectTaskSnapshot task) {
        return new Published(Kind.TASK, task.getTaskId(), task);
    }

    public static Published costCode(String id, String code, String name) {
        return new Published(Kind.COST_CODE, id, CostCodeSnapshot.newBuilder()
                .setMetadata(metadata(id))
                .setCostCodeId(id)
                .setCode(code)
                .setName(name)
                .setPlanName("Cost codes")
                .build());
    }

    public static ProjectSnapshot project(String id, String code, String name, String costCodeId) {
        return ProjectSnapshot.newBuilder()
                .setMetadata(metadata(id))
                .setProjectId(id)
                .setCompanyId("1")
                .setName(name)
                .setCode(code)
                .setCostCodeId(costCodeId)
                .setStartDate(LocalDate.of(2026, 3, 2))
                .build();
    }

    public static ProjectTaskSnapshot.Builder task(String id, String projectId, String parentId, String name) {
        return ProjectTaskSnapshot.newBuilder()
                .setMetadata(metadata(id))
                .setTaskId(id)
                .setProjectId(projectId)
                .setCompanyId("1")
                .setParentTaskId(parentId)
                .setName(name)
                .setStageName("In progress")
                .setState(OdooTaskState.IN_PROGRESS)
                .setAllocatedHours(40.0)
                .setAssigneeUserIds(List.of());
    }

    private static EventMetadata metadata(String id) {
        Instant now = Instant.parse("2026-02-20T09:00:00Z");
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSourceSystem("odoo")
                .setSourceRecordId(id)
                .setOccurredAt(now)
                .setIngestedAt(now)
                .setResolvedFrom(List.of())
                .build();
    }
}
