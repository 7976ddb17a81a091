package io.trestle.schedule.drafts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names and moves of the files the connector keeps: rejected uploads, and dropped files it is done with. */
final class KeptFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private KeptFiles() {
    }

    /** A name that is safe on any file system and cannot leave the folder; the given name only shows through. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "schedule";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "schedule" + safe : safe;
    }

    /** {@code name} in the folder, or with the time put before it when a file of that name is there already. */
    static Path freeName(Path folder, String name, Instant now) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(name);
        return Files.exists(target) ? folder.resolve(STAMP.format(now) + "-" + name) : target;
    }

    /** Moves the file into the folder under a free name; atomic within one file system. */
    static Path moveInto(Path file, Path folder, Instant now) throws IOException {
        Path target = freeName(folder, file.getFileName().toString(), now);
        DraftStore.move(file, target);
        return target;
    }

    static Path reasonFile(Path kept) {
        return kept.resolveSibling(kept.getFileName() + ".reason.txt");
    }

    static String stamp(Instant now) {
        return STAMP.format(now);
    }
}
