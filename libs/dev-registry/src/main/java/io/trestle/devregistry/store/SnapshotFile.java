package io.trestle.devregistry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The registry state in one JSON file, replaced atomically after every change: a crash leaves either the old or the new
 * state, never half of one. The state of a dev registry is small, so rewriting it whole is cheap.
 */
public final class SnapshotFile {

    private static final String FILE_NAME = "registry-state.json";

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Path file;
    private final Path temporary;

    public SnapshotFile(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory, e);
        }
        this.file = dataDirectory.resolve(FILE_NAME);
        this.temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
    }

    Optional<Snapshot> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Snapshot snapshot = mapper.readValue(file.toFile(), Snapshot.class);
            if (snapshot.format() != Snapshot.FORMAT) {
                throw new IllegalStateException("Unknown registry state format " + snapshot.format() + " in " + file);
            }
            return Optional.of(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the registry state " + file, e);
        }
    }

    void write(Snapshot snapshot) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(snapshot);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the registry state " + file, e);
        }
    }
}
