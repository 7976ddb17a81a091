package io.trestle.testkit.containers;

import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can reach a Docker daemon. Without one (the docker CLI alone is not enough) the probe answers
 * in about a second and Testcontainers remembers the answer for the rest of the JVM.
 */
public final class DockerAvailability {

    private DockerAvailability() {
    }

    public static boolean isAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Fails with a message that names the switch, for callers that were told to use containers. */
    public static void require(String why) {
        if (!isAvailable()) {
            throw new IllegalStateException(why + " but Testcontainers cannot reach a Docker daemon (is it running,"
                    + " and is DOCKER_HOST right?). Use the in-JVM infrastructure instead: unset TRESTLE_TEST_INFRA"
                    + " or set it to local.");
        }
    }
}
