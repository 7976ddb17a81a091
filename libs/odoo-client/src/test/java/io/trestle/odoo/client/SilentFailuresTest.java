package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Odoo answers some failures as ordinary results; the client must not let them pass as success. */
class SilentFailuresTest {

    private Replay replay;
    private FakeOdoo odoo;
    private OdooClient client;

    private void serve(String... labels) {
        replay = Replay.of(labels);
        odoo = FakeOdoo.start(replay);
        client = TestClients.client(TestClients.jsonRpc(odoo.url()));
    }

    @AfterEach
    void requestsMatchedTheRecording() {
        client.close();
        odoo.close();
        assertThat(replay.unmatched()).isEmpty();
    }

    @Test
    void readOfAMissingIdNamesTheId() {
        serve("common.authenticate ok", "read missing id (jsonrpc)");

        OdooMissingRecordException error = catchThrowableOfType(
                () -> client.read("project.task", List.of(99999999L), List.of("name")),
                OdooMissingRecordException.class);

        assertThat(error.missingIds()).containsExactly(99999999L);
        assertThat(error.errorClass()).isEqualTo(OdooErrorClass.MISSING_RECORD);
        assertThat(error.getMessage()).contains("project.task", "99999999");
        assertThat(error.odooErrorName()).isNull();
    }

    @Test
    void readThatDropsOneOfTwoIdsNamesOnlyTheMissingOne() {
        serve("common.authenticate ok", "read existing+missing ids");

        OdooMissingRecordException error = catchThrowableOfType(
                () -> client.read("project.task", List.of(8L, 99999999L), List.of("name")),
                OdooMissingRecordException.class);

        assertThat(error.missingIds()).containsExactly(99999999L);
    }

    @Test
    void readOfEmptyIdsAsksNothing() {
        serve();

        assertThat(client.read("project.task", List.of(), List.of("name"))).isEmpty();
        assertThat(odoo.requests()).isEmpty();
    }
}
