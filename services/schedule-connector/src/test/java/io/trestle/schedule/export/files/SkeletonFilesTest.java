package io.trestle.schedule.export.files;

import static io.trestle.schedule.export.MasterData.DEPOT;
import static io.trestle.schedule.export.MasterData.HARBOUR_QUAY;
import static io.trestle.schedule.export.MasterData.fold;
import static io.trestle.schedule.export.MasterData.harbourQuayAndDepot;
import static io.trestle.schedule.export.MasterData.task;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.trestle.schedule.export.structure.ProjectSkeleton;
import io.trestle.schedule.export.structure.ProjectStructure;
import io.trestle.schedule.model.EquipmentRules;
import io.trestle.schedule.model.ScheduleFormat;
import io.trestle.schedule.model.ScheduleMapper;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.model.WbsNode;
import io.trestle.schedule.read.ScheduleReader;
import io.trestle.schedule.read.SourceSchedule;

class SkeletonFilesTest {

    private final SkeletonFiles files = new SkeletonFiles();
    private final ProjectSkeleton quay = fold(harbourQuayAndDepot()).skeleton(HARBOUR_QUAY).orElseThrow();

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void readBackWithMpxjTheFileHasTheSameWbsTreeAndCostCodes(ExportFormat format) throws Exception {
        ReadBack read = ReadBack.read(files.write(quay, format));

        String projectId = format == ExportFormat.PMXML
                ? "HQ-2026"
                : SkeletonProjects.guid("project", HARBOUR_QUAY).toString();
        assertThat(read).isEqualTo(ReadBack.expected(quay, projectId));
        assertThat(read.wbs()).hasSize(7);
        assertThat(read.costCodes()).containsEntry("73", "Dredging").hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aProjectWithoutCostCodesReadsBackWithout(ExportFormat format) throws Exception {
        ProjectSkeleton depot = fold(harbourQuayAndDepot()).skeleton(DEPOT).orElseThrow();

        ReadBack read = ReadBack.read(files.write(depot, format));

        assertThat(read.costCode()).isNull();
        assertThat(read.costCodes()).isEmpty();
        assertThat(read.wbs()).containsExactly(new ReadBack.Node("201", "Depot works", null, null));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void theSameStructureWritesTheSameBytesAndAChangedOneOthers(ExportFormat format) {
        ProjectStructure again = fold(harbourQuayAndDepot());
        ExportFile first = files.write(quay, format);
        ExportFile second = files.write(again.skeleton(HARBOUR_QUAY).orElseThrow(), format);
        again.task("103", task("103", HARBOUR_QUAY, null, "Deck slab").build());
        ExportFile renamed = files.write(again.skeleton(HARBOUR_QUAY).orElseThrow(), format);

        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.sha256()).isEqualTo(first.sha256()).hasSize(64);
        assertThat(renamed.sha256()).isNotEqualTo(first.sha256());
    }

    /** What Trestle sends is what it reads: a planner that exports the skeleton back comes in as the same WBS. */
    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void theConnectorsOwnScheduleImportReadsTheFile(ExportFormat format) {
        SourceSchedule source = new ScheduleReader().read(files.write(quay, format).bytes()).get(0);
        ScheduleSnapshot read = new ScheduleMapper(EquipmentRules.NONE).map(source.format(), source.project());

        assertThat(read.format()).isEqualTo(ScheduleFormat.valueOf(format.name()));
        assertThat(read.projectName()).isEqualTo("Harbour Quay Extension");
        assertThat(read.wbs()).extracting(WbsNode::name).contains("Site preparation", "Piling");
    }
}
