package io.trestle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(InfrastructureMode.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(InfrastructureMode.PROPERTY);
        } else {
            System.setProperty(InfrastructureMode.PROPERTY, saved);
        }
    }

    @Test
    void thePropertySelectsContainersInAnyCase() {
        System.setProperty(InfrastructureMode.PROPERTY, " Containers ");
        assertThat(InfrastructureMode.current()).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void anUnknownValueNamesTheSwitchAndTheChoices() {
        System.setProperty(InfrastructureMode.PROPERTY, "docker");
        assertThatThrownBy(InfrastructureMode::current).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TRESTLE_TEST_INFRA=docker is not understood: use local or containers");
    }

    @Test
    void localIsTheDefault() {
        assumeTrue(System.getenv(InfrastructureMode.ENV) == null, "TRESTLE_TEST_INFRA is set in this environment");
        System.clearProperty(InfrastructureMode.PROPERTY);
        assertThat(InfrastructureMode.current()).isEqualTo(InfrastructureMode.LOCAL);
    }
}
