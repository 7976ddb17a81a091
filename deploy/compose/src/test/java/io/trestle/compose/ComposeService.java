package io.trestle.compose;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One service of the compose file, its strings interpolated as Compose would. */
record ComposeService(String name, String image, Map<String, String> environment, Map<String, String> rawEnvironment,
        List<PublishedPort> ports, Map<String, String> dependsOn, List<String> healthcheck, List<String> command,
        List<String> entrypoint, List<Mount> volumes, Optional<String> user, Optional<String> restart) {

    static final String HEALTHY = "service_healthy";
    static final String COMPLETED = "service_completed_successfully";

    /** A service that keeps running (it is restarted), as opposed to a job that does its work and exits. */
    boolean longRunning() {
        return restart.filter(policy -> !policy.equals("no")).isPresent();
    }

    boolean hasHealthcheck() {
        return !healthcheck.isEmpty();
    }

    /** The image's tag, empty when the reference has none. */
    Optional<String> imageTag() {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? Optional.of(image.substring(colon + 1)) : Optional.empty();
    }

    /** The image's repository, without its tag. */
    String imageRepository() {
        return imageTag().map(tag -> image.substring(0, image.length() - tag.length() - 1)).orElse(image);
    }

    /** Everything the service is told at start: its environment, command and entrypoint. */
    List<String> settings() {
        return Stream.of(environment.values(), command, entrypoint).flatMap(Collection::stream).toList();
    }

    @Override
    public String toString() {
        return name;
    }

    record PublishedPort(int host, int container) {
    }

    /** A volume in short syntax: a named volume or a path on the host ({@code ./…}), its target and mode. */
    record Mount(String source, String target, boolean readOnly) {

        boolean bind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }
}
