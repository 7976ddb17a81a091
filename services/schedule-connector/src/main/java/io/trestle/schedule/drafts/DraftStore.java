package io.trestle.schedule.drafts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.publish.SnapshotJson;
import io.trestle.schedule.service.ScheduleMetrics;

/**
 * Drafts on disk, one folder each under {@code <data-dir>/drafts/<id>/}: the content as received ({@code content}) and
 * what is known of it ({@code draft.json}). A draft's folder is written whole under a temporary name and renamed into
 * place, and {@code draft.json} is replaced by a rename, so a crash never leaves half a draft.
 */
@ApplicationScoped
public class DraftStore {

    private static final Logger LOG = Logger.getLogger(DraftStore.class);
    /** A draft id is a SHA-256 in hex; nothing else may name a folder, so no id can reach outside the store. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final String CONTENT = "content";
    private static final String METADATA = "draft.json";

    private final Path folder;

    @Inject
    public DraftStore(ScheduleConnectorConfig config, ScheduleMetrics metrics) {
        this(config.dataDir().resolve("drafts"));
        metrics.draftCount(this::count);
    }

    DraftStore(Path folder) {
        this.folder = folder;
    }

    /** A new draft, or the draft already kept under its id. */
    public record Saved(Draft draft, boolean created) {
    }

    public synchronized Saved saveIfAbsent(Draft draft, byte[] content) {
        Optional<Draft> existing = find(draft.id());
        if (existing.isPresent()) {
            return new Saved(existing.get(), false);
        }
        try {
            Files.createDirectories(folder);
            Path staging = folder.resolve(".incoming-" + UUID.randomUUID());
            Files.createDirectory(staging);
            Files.write(staging.resolve(CONTENT), content);
            Files.write(staging.resolve(METADATA), SnapshotJson.bytes(draft));
            move(staging, folder.resolve(draft.id()));
            return new Saved(draft, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep draft " + draft.id() + " in " + folder, e);
        }
    }

    /** Replaces what is known of a kept draft. */
    public synchronized void update(Draft draft) {
        Path metadata = folder.resolve(draft.id()).resolve(METADATA);
        Path staging = metadata.resolveSibling(METADATA + ".new");
        try {
            Files.write(staging, SnapshotJson.bytes(draft));
            move(staging, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update draft " + draft.id(), e);
        }
    }

    /** Empty for an id that names no draft, or is no draft id at all. */
    public synchronized Optional<Draft> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path metadata = folder.resolve(id).resolve(METADATA);
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotJson.JSON.readValue(metadata.toFile(), Draft.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read draft " + id, e);
        }
    }

    public byte[] content(Draft draft) {
        try {
            return Files.readAllBytes(folder.resolve(draft.id()).resolve(CONTENT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the content of draft " + draft.id(), e);
        }
    }

    /** Every draft, latest received first; one that cannot be read is logged and left out. */
    public synchronized List<Draft> list() {
        List<Draft> drafts = new ArrayList<>();
        for (String id : ids()) {
            try {
                find(id).ifPresent(drafts::add);
            } catch (UncheckedIOException e) {
                LOG.warnf("Leaving draft %s out of the list: %s", id, e.getCause().getMessage());
            }
        }
        drafts.sort(Comparator.comparing(Draft::receivedAt).reversed());
        return drafts;
    }

    /** @return false when there was no such draft */
    public synchronized boolean delete(String id) {
        Optional<Draft> draft = find(id);
        if (draft.isEmpty()) {
            return false;
        }
        Path draftFolder = folder.resolve(id);
        try (Stream<Path> files = Files.list(draftFolder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(draftFolder);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete draft " + id, e);
        }
    }

    private int count() {
        return ids().size();
    }

    private List<String> ids() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the drafts in " + folder, e);
        }
        return ids;
    }

    /** A rename, atomic where the file system allows it. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
