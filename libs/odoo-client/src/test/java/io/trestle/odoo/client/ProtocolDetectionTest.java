package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** AUTO asks {@code common.version} once and speaks JSON-2 from Odoo 19 on, JSON-RPC below. */
class ProtocolDetectionTest {

    @Test
    void odoo17IsSpokenToOverJsonRpc() {
        Replay replay = Replay.of("common.version", "common.authenticate ok", "search_count");
        try (FakeOdoo odoo = FakeOdoo.start(replay);
                OdooClient client = TestClients
                        .client(TestClients.jsonRpc(odoo.url()).withProtocol(OdooProtocol.AUTO))) {

            assertThat(client.searchCount("project.task", List.of(List.of("project_id", "=", 5)))).isEqualTo(4);

            assertThat(odoo.requests()).extracting(FakeOdoo.Request::rpc)
                    .containsExactly("common.version", "common.authenticate", "object.execute_kw");
            assertThat(replay.unmatched()).isEmpty();
        }
    }

    @Test
    void odoo19IsSpokenToOverJson2() {
        // common.version as Odoo 17 recorded it, with the version numbers of a 19.
        FakeOdoo.Responder responder = (request, index) -> request.path().equals("/jsonrpc")
                ? FakeOdoo.Reply.result("{\"server_version\": \"19.0-20250918\", \"server_version_info\": "
                        + "[19, 0, 0, \"final\", 0, \"\"], \"server_serie\": \"19.0\", \"protocol_version\": 1}")
                : FakeOdoo.Reply.json(200, "4");
        try (FakeOdoo odoo = FakeOdoo.start(responder);
                OdooClient client = TestClients
                        .client(TestClients.jsonRpc(odoo.url()).withProtocol(OdooProtocol.AUTO))) {

            assertThat(client.searchCount("project.task", List.of())).isEqualTo(4);
            assertThat(client.searchCount("project.task", List.of())).isEqualTo(4);

            assertThat(client.version().major()).isEqualTo(19);
            assertThat(odoo.requests()).extracting(FakeOdoo.Request::path)
                    .containsExactly("/jsonrpc", "/json/2/project.task/search_count",
                            "/json/2/project.task/search_count");
        }
    }
}
