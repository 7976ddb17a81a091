package io.trestle.schedule.export.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.jboss.logging.Logger;

import io.trestle.schedule.export.delivery.DeliveryException.Kind;

/**
 * Writes each file into a folder, atomically: into a hidden temporary file next to it first, flushed to disk, then
 * renamed to its name. Whoever watches the folder sees a file complete or not at all, never half written. The folder is
 * a hand-off: what picks the files up (a P6 import job, an SFTP mirror) moves or deletes them; the export never does.
 */
public final class OutboxTarget implements DeliveryTarget {

    private static final Logger LOG = Logger.getLogger(OutboxTarget.class);
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path directory;

    /**
     * Creates the folder when missing and removes temporary files a crash left half written.
     *
     * @throws UncheckedIOException
     *             when the folder cannot be created or read
     */
    public OutboxTarget(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory,
                    entry -> isTemporary(entry.getFileName().toString()))) {
                for (Path leftover : leftovers) {
                    LOG.infof("Removing %s, left half written by an earlier run; its file is written again", leftover);
                    Files.delete(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the outbox folder " + directory, e);
        }
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException {
        String name = safeFileName(delivery.fileName());
        Path temporary = directory.resolve("." + name + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(delivery.file().bytes());
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                // On disk before it gets its name: after a power cut the name never points at a torn file.
                channel.force(true);
            }
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A full disk or a share that went away: the same file is written again once it is back.
            throw new DeliveryException(Kind.UNAVAILABLE, "io",
                    "cannot write " + name + " into " + directory + ": " + e,
                    null, e);
        }
    }

    private static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMPORARY_SUFFIX);
    }

    /** Canonical ids are decimal, but they come from another system: nothing in a name may climb out of the folder. */
    private static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    }
}
