package io.trestle.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Skipped as a whole, with the reason, where no PostgreSQL binaries are installed. */
class TrestleStackPostgresTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.postgres();

    @Test
    void theSharedServerServesLogicalReplication() throws Exception {
        SmokeChecks.logicalReplication(stack.postgresServer());
    }

    @Test
    void theSharedServerIsTheSameForEveryStack() {
        assertThat(TrestleStack.postgres().postgresServer()).isEqualTo(stack.postgresServer());
    }
}
