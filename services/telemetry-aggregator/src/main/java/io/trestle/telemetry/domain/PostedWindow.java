package io.trestle.telemetry.domain;

import java.util.List;
import java.util.Optional;

/** What was posted for one asset and window, line by line; the base of every correction. */
public record PostedWindow(List<PostedLine> lines) {

    public static final PostedWindow NONE = new PostedWindow(List.of());

    public PostedWindow {
        lines = List.copyOf(lines);
    }

    public Optional<PostedLine> line(LineKey key) {
        return lines.stream().filter(line -> line.key().equals(key)).findFirst();
    }
}
