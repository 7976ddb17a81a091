package io.trestle.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @AfterEach
    void clear() {
        System.clearProperty(PostgresBinaries.PROPERTY);
    }

    @Test
    void anOverrideWithoutServerProgramsIsRejected() {
        System.setProperty(PostgresBinaries.PROPERTY, "/nonexistent/bin");
        assertThatThrownBy(PostgresBinaries::locate).isInstanceOf(IllegalStateException.class)
                .hasMessage("TRESTLE_PG_BIN=/nonexistent/bin does not contain initdb and pg_ctl");
    }

    @Test
    void theNewestInstalledMajorIsFound() {
        assumeTrue(System.getenv(PostgresBinaries.ENV) == null, "TRESTLE_PG_BIN is set in this environment");
        assumeTrue(PostgresBinaries.locate().isPresent(), PostgresBinaries.missingMessage());

        Path bin = PostgresBinaries.locate().orElseThrow();

        assertThat(bin.getParent().getParent()).isEqualTo(Path.of("/usr/lib/postgresql"));
        assertThat(bin.resolve("initdb")).isExecutable();
    }
}
