package io.trestle.odoo.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads Odoo's {@code load} answer: {@code {"ids": [...] | false, "messages": [...], "nextrow": n}}. */
final class LoadResults {

    private LoadResults() {
    }

    static LoadResult parse(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.path("ids").forEach(id -> ids.add(id.asLong()));
        List<LoadMessage> messages = new ArrayList<>();
        result.path("messages").forEach(message -> messages.add(new LoadMessage(message.path("type").asText(),
                message.path("message").asText(), row(message), message.path("field").textValue())));
        if (!result.path("ids").isArray() && messages.stream().noneMatch(LoadMessage::isError)) {
            // ok() must be false whenever Odoo wrote nothing, even if it did not say why.
            messages.add(new LoadMessage("error", "Odoo wrote nothing and gave no reason (ids: "
                    + result.path("ids") + ")", null, null));
        }
        return new LoadResult(ids, messages);
    }

    /** {@code record} is the row index; older messages only carry the {@code rows} range. */
    private static Integer row(JsonNode message) {
        if (message.path("record").isIntegralNumber()) {
            return message.get("record").asInt();
        }
        if (message.path("rows").path("from").isIntegralNumber()) {
            return message.get("rows").get("from").asInt();
        }
        return null;
    }
}
