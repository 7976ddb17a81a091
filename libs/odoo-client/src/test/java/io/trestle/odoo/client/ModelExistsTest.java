package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Enterprise-only models such as planning.slot are detected through ir.model, not assumed. */
class ModelExistsTest {

    @ParameterizedTest(name = "ir.model count {0} -> {1}")
    @CsvSource({"1, true", "0, false"})
    void modelExistsCountsItsIrModelRecord(int count, boolean exists) {
        // Not in the recording: the answer is a search_count result as recorded for other models.
        FakeOdoo.Responder responder = (request, index) -> request.isRpc("common.authenticate")
                ? FakeOdoo.Reply.recorded(Transcript.get("common.authenticate ok"))
                : FakeOdoo.Reply.result(Integer.toString(count));
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients.client(TestClients.jsonRpc(odoo.url()))) {

            assertThat(client.modelExists("planning.slot")).isEqualTo(exists);

            assertThat(odoo.requests().get(1).json().path("params").path("args").toString()).isEqualTo(
                    "[\"constr\",2,\"admin\",\"ir.model\",\"search_count\",[[[\"model\",\"=\",\"planning.slot\"]]],{}]");
        }
    }
}
