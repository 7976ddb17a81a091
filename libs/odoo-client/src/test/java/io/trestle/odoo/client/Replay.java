package io.trestle.odoo.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers each JSON-RPC request with the recorded response of the exchange whose recorded request it equals (ids
 * aside), so a test passes only if the client sends what the real Odoo was sent. Requests that match nothing are kept
 * for the test to assert on, and answered 418.
 */
final class Replay implements FakeOdoo.Responder {

    private final List<Transcript.Exchange> exchanges = new ArrayList<>();
    private final List<JsonNode> unmatched = new CopyOnWriteArrayList<>();

    static Replay of(String... labels) {
        Replay replay = new Replay();
        for (String label : labels) {
            replay.exchanges.add(Transcript.get(label));
        }
        return replay;
    }

    @Override
    public FakeOdoo.Reply reply(FakeOdoo.Request request, int index) {
        JsonNode sent = FakeOdoo.withoutId(request.json());
        for (Transcript.Exchange exchange : exchanges) {
            if (FakeOdoo.withoutId(exchange.request()).equals(sent)) {
                return FakeOdoo.Reply.recorded(exchange);
            }
        }
        unmatched.add(sent);
        return FakeOdoo.Reply.json(418, "\"no recorded exchange matches this request\"");
    }

    /** Requests the real Odoo was never sent in this form. */
    List<JsonNode> unmatched() {
        return List.copyOf(unmatched);
    }
}
