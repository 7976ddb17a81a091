package io.trestle.schedule.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpxj.ProjectFile;
import org.mpxj.Task;

import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Snapshots;
import io.trestle.schedule.read.ScheduleReader;
import io.trestle.schedule.read.SourceSchedule;

/**
 * Every schedule file, the project's own and the real samples in {@code shared/data/schedules} beside the checkout
 * (when it is there), imports in full: every task MPXJ reports is a WBS node or an activity of the snapshot, and every
 * assignment a crew assignment, a reservation or a skipped assignment.
 */
class ScheduleCountsTest {

    private final ScheduleReader reader = new ScheduleReader();
    private final ScheduleMapper mapper = new ScheduleMapper(Snapshots.RIVERSIDE_RULES);

    static Stream<String> fixtures() {
        return Stream.of(Fixtures.HARBOUR_V1, Fixtures.HARBOUR_V2, Fixtures.TWO_PROJECTS, Fixtures.RIVERSIDE_PMXML,
                Fixtures.RIVERSIDE_V1, Fixtures.RIVERSIDE_V2);
    }

    static Stream<Path> sharedSchedules() throws IOException {
        Optional<Path> folder = sharedFolder();
        if (folder.isEmpty()) {
            return Stream.of((Path) null);
        }
        try (Stream<Path> files = Files.list(folder.get())) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void ownFixtureImportsWithMpxjsCounts(String fixture) {
        assertImportsWithMpxjsCounts(Fixtures.bytes(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedSchedules")
    void sharedScheduleImportsWithMpxjsCounts(Path file) {
        assumeThat(file).as("shared/data/schedules beside the checkout").isNotNull();
        try {
            assertImportsWithMpxjsCounts(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertImportsWithMpxjsCounts(byte[] content) {
        List<SourceSchedule> schedules = reader.read(content);

        assertThat(schedules).isNotEmpty().allSatisfy(schedule -> {
            ProjectFile project = schedule.project();
            ScheduleSnapshot snapshot = mapper.map(schedule.format(), project);
            long tasks = project.getTasks().stream().filter(ScheduleCountsTest::isNotProjectSummary).count();
            assertThat(snapshot.wbs().size() + snapshot.tasks().size()).as("WBS nodes and activities")
                    .isEqualTo(tasks);
            assertThat(snapshot.tasks()).as("activities").hasSize((int) project.getTasks().stream()
                    .filter(task -> isNotProjectSummary(task) && !task.getSummary()).count());
            assertThat(snapshot.crewAssignments().size() + snapshot.equipmentReservations().size()
                    + snapshot.skippedAssignments().size()).as("assignments")
                    .isEqualTo(project.getResourceAssignments().size());
        });
    }

    /** MS Project files have a row standing for the whole project (outline level 0); it is no task of the schedule. */
    private static boolean isNotProjectSummary(Task task) {
        return !Integer.valueOf(0).equals(task.getOutlineLevel());
    }

    /** The folder sits beside the checkout, whose depth below it differs between worktrees. */
    private static Optional<Path> sharedFolder() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/schedules");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
