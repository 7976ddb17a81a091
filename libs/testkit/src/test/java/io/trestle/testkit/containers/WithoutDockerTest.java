package io.trestle.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where no Docker daemon runs, asking for containers must fail at once and say what to do, not hang. */
class WithoutDockerTest {

    private static Duration probe;

    @BeforeAll
    static void probeDocker() {
        long started = System.nanoTime();
        boolean available = DockerAvailability.isAvailable();
        probe = Duration.ofNanos(System.nanoTime() - started);
        assumeFalse(available, "a Docker daemon is reachable here");
    }

    @Test
    void theProbeAnswersQuickly() {
        assertThat(probe).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void containersFailWithTheWayOut() {
        assertThatThrownBy(ContainerKafka::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach a Docker daemon")
                .hasMessageContaining("TRESTLE_TEST_INFRA");
        assertThatThrownBy(ContainerRegistry::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ContainerPostgres::start).isInstanceOf(IllegalStateException.class);
    }
}
