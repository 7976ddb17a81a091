package io.trestle.schedule.export.messaging;

import static io.trestle.schedule.export.MasterData.DEPOT;
import static io.trestle.schedule.export.MasterData.HARBOUR_QUAY;
import static io.trestle.schedule.export.MasterData.harbourQuayAndDepot;
import static io.trestle.schedule.export.MasterData.project;
import static io.trestle.schedule.export.messaging.ExportHarness.PATIENCE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.trestle.schedule.export.MasterData;
import io.trestle.schedule.export.MasterData.Published;
import io.trestle.schedule.export.files.ExportFormat;
import io.trestle.schedule.export.files.SkeletonFiles;
import io.trestle.schedule.export.structure.ProjectStructure;
import io.trestle.testkit.TrestleStack;

/** The export into an outbox folder, on the real broker and registry. */
class OutboxExportTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    @TempDir
    Path outbox;

    private ExportHarness export;
    private OutboxWatcher watcher;

    @AfterEach
    void stop() throws Exception {
        export.close();
        watcher.close();
    }

    @Test
    void everyUpdateAppearsAsACompleteFileUnderItsVersionedName() throws IOException {
        Path leftover = Files.writeString(outbox.resolve(".project-9.pmxml.0000000001.xml.tmp"), "<APIBusinessObj");
        watcher = new OutboxWatcher(outbox);
        export = new ExportHarness(stack).outbox(outbox);

        export.publish(harbourQuayAndDepot().toArray(Published[]::new));
        export.start();

        await().atMost(PATIENCE).until(() -> watcher.seen.size() == 4);
        ProjectStructure structure = MasterData.fold(harbourQuayAndDepot());
        SkeletonFiles files = new SkeletonFiles();
        for (String project : List.of(HARBOUR_QUAY, DEPOT)) {
            for (ExportFormat format : ExportFormat.values()) {
                byte[] expected = files.write(structure.skeleton(project).orElseThrow(), format).bytes();
                assertThat(watcher.seen).hasEntrySatisfying(
                        "project-%s.%s.%010d.xml".formatted(project, format.token(), version(project)),
                        // What the watcher read the moment the name appeared: the whole file already.
                        seen -> assertThat(seen).isEqualTo(expected));
            }
        }
        assertThat(leftover).doesNotExist();
        assertThat(watcher.modified).isEmpty();

        export.publish(project(MasterData.project(HARBOUR_QUAY, "HQ-2026", "Harbour Quay, phase 2", "7")));

        await().atMost(PATIENCE).until(() -> watcher.seen.size() == 6);
        assertThat(watcher.seen).containsKeys("project-42.pmxml.0000000003.xml", "project-42.mspdi.0000000003.xml");
        try (Stream<Path> names = Files.list(outbox)) {
            assertThat(names.map(path -> path.getFileName().toString())).hasSize(6)
                    .noneMatch(name -> name.startsWith("."));
        }
        assertThat(watcher.modified).isEmpty();
    }

    /** A first start delivers the projects in id order, one version each. */
    private static int version(String project) {
        return project.equals(HARBOUR_QUAY) ? 1 : 2;
    }

    /** Reads every file of the folder the moment its name appears there. */
    private static final class OutboxWatcher implements AutoCloseable {

        final Map<String, byte[]> seen = new ConcurrentHashMap<>();
        /** Files written to under their final name after it appeared: a write that is not atomic. */
        final Set<String> modified = ConcurrentHashMap.newKeySet();
        private final WatchService service;
        private final Thread thread;

        OutboxWatcher(Path folder) throws IOException {
            service = folder.getFileSystem().newWatchService();
            folder.register(service, ENTRY_CREATE, ENTRY_MODIFY);
            thread = new Thread(() -> watch(folder), "outbox-watcher");
            thread.start();
        }

        private void watch(Path folder) {
            try {
                while (true) {
                    WatchKey key = service.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        String name = event.context().toString();
                        if (name.startsWith(".")) {
                            continue;
                        }
                        if (event.kind() == ENTRY_CREATE) {
                            seen.put(name, Files.readAllBytes(folder.resolve(name)));
                        } else {
                            modified.add(name);
                        }
                    }
                    key.reset();
                }
            } catch (ClosedWatchServiceException | InterruptedException closed) {
                // the test is over
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            service.close();
            thread.join();
        }
    }
}
