package io.trestle.schedule.drafts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.drafts.DraftStore.Saved;
import io.trestle.schedule.publish.NotReadyException;
import io.trestle.schedule.publish.PublishFailedException;
import io.trestle.schedule.publish.VersionTooLargeException;
import io.trestle.schedule.read.UnreadableScheduleException;

/**
 * A folder planners drop schedule files into, scanned at a fixed interval rather than watched: file system events
 * (WatchService) are not delivered for changes made through network shares (SMB, NFS), where such folders usually are.
 * A file is taken once its size and modification time were the same in two scans in a row, so one still being copied is
 * left alone; hidden files and {@code .part} / {@code .tmp} files are never taken.
 * <p>
 * A file taken becomes a draft (and is published when a rule approves it), then moves to {@code processed/}; one the
 * connector cannot read moves to {@code rejected/} with a {@code .reason.txt} and is quarantined. A file leaves the
 * folder only after its draft is kept, so a crash in between takes it again on the next scan, which finds the same
 * draft: never lost, never two drafts. When publishing an approved file cannot run (the broker or the stored versions
 * are not there), the file stays and the next scan tries again.
 */
@ApplicationScoped
public class DropFolder {

    private static final Logger LOG = Logger.getLogger(DropFolder.class);
    static final String PROCESSED = "processed";
    static final String REJECTED = "rejected";

    private record FileState(long size, long modified) {
    }

    /**
     * @param lastScan
     *            when the folder was last scanned, null before the first scan
     * @param lastError
     *            what went wrong in the last scan that failed, null when none did
     */
    public record Status(Path folder, Instant lastScan, long processed, long rejected, String lastError) {
    }

    private final Optional<Path> folder;
    private final Duration interval;
    private final ScheduleIntake intake;
    private final DraftPublishing publishing;
    private final RejectedFiles rejectedFiles;
    private final Clock clock = Clock.systemUTC();
    private final Map<Path, FileState> seen = new HashMap<>();
    private ScheduledExecutorService scanner;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant lastScan;
    private volatile String lastError;

    @Inject
    public DropFolder(ScheduleConnectorConfig config, ScheduleIntake intake, DraftPublishing publishing,
            RejectedFiles rejectedFiles) {
        this.folder = config.dropFolder().path();
        this.interval = config.dropFolder().interval();
        this.intake = intake;
        this.publishing = publishing;
        this.rejectedFiles = rejectedFiles;
    }

    void start(@Observes StartupEvent startup) {
        if (folder.isEmpty()) {
            LOG.info("No drop folder configured (trestle.schedule-connector.drop-folder.path)");
            return;
        }
        try {
            // Made at once, so planners find the folder (and where their files went) before the first scan.
            for (Path made : List.of(folder.get(), folder.get().resolve(PROCESSED), folder.get().resolve(REJECTED))) {
                Files.createDirectories(made);
            }
        } catch (IOException e) {
            LOG.errorf(e, "Cannot create the drop folder %s; every scan will try again", folder.get());
        }
        scanner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "drop-folder");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Scanning the drop folder %s every %s", folder.get(), interval);
    }

    @PreDestroy
    void stop() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    /** Empty when no drop folder is configured. Never waits for a scan, so health checks answer during one. */
    public Optional<Status> status() {
        return folder.map(path -> new Status(path, lastScan, processed.get(), rejected.get(), lastError));
    }

    /**
     * Takes every file that was the same in the previous scan. Runs on the scanner's schedule; callable at any time,
     * since scans run one at a time.
     */
    public synchronized void scan() {
        if (folder.isEmpty()) {
            return;
        }
        lastError = null;
        try {
            Files.createDirectories(folder.get());
            Map<Path, FileState> now = candidates(folder.get());
            for (Map.Entry<Path, FileState> file : now.entrySet()) {
                if (file.getValue().equals(seen.get(file.getKey()))) {
                    takeOrLeave(file.getKey());
                }
            }
            seen.clear();
            seen.putAll(now);
        } catch (IOException | RuntimeException e) {
            lastError = e.toString();
            LOG.errorf(e, "Scanning the drop folder %s failed; trying again in %s", folder.get(), interval);
        } finally {
            lastScan = clock.instant();
        }
    }

    /** A file that fails stays where it is, still stable, and is taken again by the next scan. */
    private void takeOrLeave(Path file) {
        try {
            take(file);
        } catch (IOException | RuntimeException e) {
            lastError = file.getFileName() + ": " + e;
            LOG.errorf(e, "Taking the dropped file %s failed; it stays and is tried again in %s", file, interval);
        }
    }

    private void take(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        Saved saved;
        try {
            saved = intake.receive(content, DraftSource.DROP_FOLDER, name, null);
        } catch (UnreadableScheduleException e) {
            rejectedFiles.rejectDropped(file, content, folder.get().resolve(REJECTED), e);
            rejected.incrementAndGet();
            return;
        }
        try {
            publishing.publishApproved(saved.draft());
        } catch (NotReadyException | PublishFailedException e) {
            lastError = name + ": " + e.getMessage();
            LOG.warnf("Dropped file %s is kept as draft %s, but publishing it as approved failed (%s); it stays in "
                    + "the folder and is tried again at the next scan", name, saved.draft().id(), e.getMessage());
            return;
        } catch (VersionTooLargeException e) {
            LOG.errorf("Dropped file %s is kept as draft %s but cannot be published: %s", name, saved.draft().id(),
                    e.getMessage());
        }
        Path moved = KeptFiles.moveInto(file, folder.get().resolve(PROCESSED), clock.instant());
        processed.incrementAndGet();
        LOG.infof("Dropped file %s is draft %s, moved to %s", name, saved.draft().id(), moved);
    }

    /** The regular files of the folder, with what tells whether they are still being written. */
    private static Map<Path, FileState> candidates(Path folder) throws IOException {
        Map<Path, FileState> files = new HashMap<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            listing.forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
                continue;
            }
            try {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    files.put(entry, new FileState(attributes.size(), attributes.lastModifiedTime().toMillis()));
                }
            } catch (NoSuchFileException gone) {
                // Moved away by the planner since the listing: nothing to take.
            }
        }
        return files;
    }
}
