package io.trestle.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * A directory of {@code <domain>/<Name>.avsc} files parsed together, indexed by the full name of each file's top-level
 * type.
 */
record SchemaSet(Map<String, SchemaFile> files) {

    /** The schemas the build generates classes from. */
    static final Path SOURCES = moduleDir().resolve("src/main/avro");

    /** The schemas of the last release; every later version has to read what they wrote. */
    static final Path BASELINE = moduleDir().resolve("baseline");

    private static final String SHARED_DOMAIN = "common";

    /** One {@code .avsc} file: its path relative to the set's root, its domain folder and its resolved schema. */
    record SchemaFile(Path path, String domain, Schema schema) {

        boolean isShared() {
            return SHARED_DOMAIN.equals(domain);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    static SchemaSet load(Path root) {
        // One parser for all files lets a file name a type another file defines; common first mirrors the plugin's imports.
        SchemaParser parser = new SchemaParser();
        Map<Path, SchemaParser.ParseResult> parsed = new LinkedHashMap<>();
        for (Path file : avscFiles(root)) {
            try {
                parsed.put(root.relativize(file), parser.parse(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SchemaParseException e) {
                throw new IllegalStateException(root.relativize(file) + ": " + e.getMessage(), e);
            }
        }
        Map<String, SchemaFile> files = new LinkedHashMap<>();
        parsed.forEach((path, result) -> {
            Schema schema = parser.resolve(result);
            SchemaFile previous = files.put(schema.getFullName(),
                    new SchemaFile(path, path.getName(0).toString(), schema));
            if (previous != null) {
                throw new IllegalStateException(path + " redefines " + schema.getFullName() + " of " + previous);
            }
        });
        return new SchemaSet(Map.copyOf(files));
    }

    Collection<SchemaFile> all() {
        return files.values().stream().sorted(Comparator.comparing(file -> file.path().toString())).toList();
    }

    Optional<SchemaFile> find(String fullName) {
        return Optional.ofNullable(files.get(fullName));
    }

    SchemaFile get(String fullName) {
        return find(fullName).orElseThrow(() -> new IllegalArgumentException("no schema named " + fullName));
    }

    /** This set with one file's schema swapped, as a proposed change would swap it. */
    SchemaSet replacing(Schema schema) {
        SchemaFile file = get(schema.getFullName());
        Map<String, SchemaFile> changed = new LinkedHashMap<>(files);
        changed.put(schema.getFullName(), new SchemaFile(file.path(), file.domain(), schema));
        return new SchemaSet(Map.copyOf(changed));
    }

    SchemaSet without(String fullName) {
        Map<String, SchemaFile> changed = new LinkedHashMap<>(files);
        changed.remove(fullName);
        return new SchemaSet(Map.copyOf(changed));
    }

    private static List<Path> avscFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing((Path path) -> !root.relativize(path).startsWith(SHARED_DOMAIN))
                            .thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path moduleDir() {
        // Surefire runs in the module directory and sets basedir; an IDE may run from elsewhere.
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }
}
