package io.trestle.schedule.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.fixtures.CrosswalkEntries;
import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Schedules;
import io.trestle.schedule.fixtures.SchedulesTestResource;
import io.trestle.schedule.fixtures.TopicRecords;
import io.trestle.schedule.publish.Crosswalk;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schema.topic.TopicNames;

/**
 * The drop folder, scanned by the test rather than on the connector's schedule (its interval is an hour under test), so
 * that which scan takes a file is known.
 */
@QuarkusTest
@WithTestResource(SchedulesTestResource.class)
class DropFolderTest {

    @Inject
    DropFolder dropFolder;

    @Inject
    DraftStore drafts;

    @Inject
    Crosswalk crosswalk;

    /** Read from the typed configuration: a @ConfigProperty field would be required in every test application. */
    @Inject
    ScheduleConnectorConfig config;

    @Test
    void takesAFileOnceItIsStablePublishesItWhenApprovedAndMovesItToProcessed() throws IOException {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);
        byte[] file = Schedules.withP6ProjectCode(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), "Approved");
        Path dropped = folder().resolve(projectId + ".xer");
        // Still being copied: the first half only.
        Files.write(dropped, Arrays.copyOf(file, file.length / 2));

        dropFolder.scan();
        Files.write(dropped, Arrays.copyOfRange(file, file.length / 2, file.length), StandardOpenOption.APPEND);
        dropFolder.scan();

        assertThat(dropped).as("grown since the last scan, so not taken yet").exists();

        dropFolder.scan();

        assertThat(dropped).doesNotExist();
        assertThat(folder().resolve("processed").resolve(projectId + ".xer")).hasBinaryContent(file);
        Draft draft = drafts.find(SnapshotJson.sha256(file)).orElseThrow();
        assertThat(draft.source()).isEqualTo(DraftSource.DROP_FOLDER);
        assertThat(draft.fileName()).isEqualTo(projectId + ".xer");
        assertThat(draft.status()).isEqualTo(Draft.Status.PUBLISHED);
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).hasSize(4);

        dropFolder.scan();
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).as("taken once").hasSize(4);
    }

    @Test
    void theSameFileDroppedAgainIsTheSameDraftAndPublishesNothingMore() throws IOException {
        String projectId = "HQ-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        CrosswalkEntries.mapHarbour(crosswalk, "p6", projectId, project);
        byte[] file = Schedules.withP6ProjectCode(Schedules.harbour(Fixtures.HARBOUR_V1, projectId), "Approved");
        Files.write(folder().resolve(projectId + ".xer"), file);
        dropFolder.scan();
        dropFolder.scan();

        Files.write(folder().resolve(projectId + ".xer"), file);
        dropFolder.scan();
        dropFolder.scan();

        try (Stream<Path> processed = Files.list(folder().resolve("processed"))) {
            assertThat(processed.map(path -> path.getFileName().toString()))
                    .filteredOn(name -> name.endsWith(projectId + ".xer")).as("both kept, under names of their own")
                    .hasSize(2);
        }
        assertThat(drafts.list()).filteredOn(draft -> projectId.equals(draft.projects().get(0).projectKey()))
                .hasSize(1);
        assertThat(TopicRecords.ofProject(TopicNames.SCHEDULE_TASK_SCHEDULED, project)).hasSize(4);
    }

    @Test
    void keepsAFileItCannotReadInRejectedWithItsReasonAndQuarantinesIt() throws IOException {
        String name = "broken-" + UUID.randomUUID() + ".xer";
        byte[] cut = Arrays.copyOf(Fixtures.bytes(Fixtures.HARBOUR_V1), 2000);
        Files.write(folder().resolve(name), cut);

        dropFolder.scan();
        dropFolder.scan();

        Path rejected = folder().resolve("rejected").resolve(name);
        assertThat(folder().resolve(name)).doesNotExist();
        assertThat(rejected).hasBinaryContent(cut);
        assertThat(rejected.resolveSibling(name + ".reason.txt"))
                .content(StandardCharsets.UTF_8).contains("XER file is incomplete: it does not end with %E");
        assertThat(TopicRecords.read(TopicNames.INTEGRATION_QUARANTINE, record -> record.value() != null
                && ("drop-folder:" + name).equals(TopicRecords.field(record.value(), "sourceEndpoint"))))
                .singleElement().satisfies(entry -> {
                    assertThat(TopicRecords.field(entry.value(), "reasonCode")).isEqualTo("MALFORMED_PAYLOAD");
                    assertThat(TopicRecords.field(entry.value(), "metadata", "sourceSystem")).isEqualTo("p6");
                    assertThat(TopicRecords.field(entry.value(), "contentType")).isEqualTo("text/x-p6-xer");
                });
        assertThat(dropFolder.status()).get().satisfies(status -> assertThat(status.rejected()).isPositive());
    }

    @Test
    void leavesHiddenAndPartialFilesAlone() throws IOException {
        List<Path> ignored = List.of(folder().resolve(".upload-" + UUID.randomUUID()),
                folder().resolve("copying-" + UUID.randomUUID() + ".part"));
        for (Path file : ignored) {
            Files.write(file, Fixtures.bytes(Fixtures.HARBOUR_V1));
        }

        dropFolder.scan();
        dropFolder.scan();

        assertThat(ignored).allSatisfy(file -> assertThat(file).exists());
    }

    private Path folder() {
        return config.dropFolder().path().orElseThrow();
    }
}
