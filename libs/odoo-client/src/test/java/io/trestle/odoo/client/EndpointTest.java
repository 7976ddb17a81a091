package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Where requests go when Odoo sits behind a reverse proxy under a path prefix. */
class EndpointTest {

    @Test
    void jsonRpcKeepsThePathPrefix() {
        try (FakeOdoo odoo = FakeOdoo
                .start((request, index) -> FakeOdoo.Reply.recorded(Transcript.get("common.version")));
                OdooClient client = TestClients.client(TestClients.jsonRpc(URI.create(odoo.url() + "/odoo")))) {

            client.version();

            assertThat(odoo.requests()).extracting(FakeOdoo.Request::path).containsExactly("/odoo/jsonrpc");
            assertThat(odoo.requests().get(0).header("User-Agent")).isEqualTo("trestle-odoo-client");
        }
    }

    @Test
    void json2KeepsThePathPrefix() {
        try (FakeOdoo odoo = FakeOdoo.start((request, index) -> FakeOdoo.Reply.json(200, "3"));
                OdooClient client = TestClients.client(TestClients.jsonRpc(URI.create(odoo.url() + "/odoo/"))
                        .withProtocol(OdooProtocol.JSON_2))) {

            client.searchCount("project.task", List.of());

            assertThat(odoo.requests()).extracting(FakeOdoo.Request::path)
                    .containsExactly("/odoo/json/2/project.task/search_count");
        }
    }
}
