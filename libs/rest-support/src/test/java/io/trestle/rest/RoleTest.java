package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void writeImpliesReadButReadDoesNotImplyWrite() {
        assertThat(Role.WRITE.includes(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.includes(Role.READ)).isTrue();
        assertThat(Role.READ.includes(Role.READ)).isTrue();
        assertThat(Role.READ.includes(Role.WRITE)).isFalse();
    }

    @Test
    void readsRolesAsConfigurationWritesThemIgnoringCaseAndBlanks() {
        assertThat(Role.of(" Write ")).contains(Role.WRITE);
        assertThat(Role.of("read")).contains(Role.READ);
        assertThat(Role.of("admin")).isEmpty();
        assertThat(Role.accepted()).isEqualTo("read, write");
    }
}
