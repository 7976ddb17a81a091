package io.trestle.odoo.standin.http;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.trestle.odoo.standin.error.OdooError;
import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.rpc.OdooServices;
import io.trestle.odoo.standin.security.Security;

/**
 * The two web-client routes an integration may use instead of {@code /jsonrpc}: {@code /web/session/authenticate} (a
 * session cookie) and {@code /web/dataset/call_kw} (model calls in that session).
 */
final class WebClientEndpoint {

    private static final long SESSION_LIFETIME_SECONDS = 604800;
    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT);

    private final OdooServices services;
    private final WebSessions sessions;
    private final Database database;
    private final Security security;
    private final Supplier<URI> baseUrl;

    WebClientEndpoint(OdooServices services, WebSessions sessions, Database database, Security security,
            Supplier<URI> baseUrl) {
        this.services = services;
        this.sessions = sessions;
        this.database = database;
        this.security = security;
        this.baseUrl = baseUrl;
    }

    HttpAnswer authenticate(HttpRequest request) {
        Object parsed = JsonRpc.parse(request);
        if (parsed instanceof HttpAnswer rejected) {
            return rejected;
        }
        JsonRpc.Call call = (JsonRpc.Call) parsed;
        HttpAnswer.CallName name = new HttpAnswer.CallName("web", "authenticate");
        try {
            int uid = services.webAuthenticate(call.params());
            String session = sessions.open(uid);
            String expires = COOKIE_DATE
                    .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(SESSION_LIFETIME_SECONDS));
            return JsonRpc.result(call.id(), database.locked(() -> sessionInfo(uid)))
                    .withHeader("Set-Cookie", "session_id=" + session + "; Expires=" + expires + "; Max-Age="
                            + SESSION_LIFETIME_SECONDS + "; HttpOnly; Path=/; SameSite=Lax")
                    .withCall(name, Optional.empty());
        } catch (OdooError e) {
            return JsonRpc.error(call.id(), e).withCall(name, Optional.of(e.pythonClass()));
        }
    }

    HttpAnswer callKw(HttpRequest request) {
        Object parsed = JsonRpc.parse(request);
        if (parsed instanceof HttpAnswer rejected) {
            return rejected;
        }
        JsonRpc.Call call = (JsonRpc.Call) parsed;
        Map<String, Object> params = call.params();
        HttpAnswer.CallName name = params.get("model") instanceof String model
                && params.get("method") instanceof String method ? new HttpAnswer.CallName(model, method) : null;
        Optional<Integer> uid = request.cookie("session_id").flatMap(sessions::uid);
        if (uid.isEmpty()) {
            // Odoo rejects the request before reading its id.
            OdooError expired = OdooError.sessionExpired();
            return JsonRpc.error(null, expired).withCall(name, Optional.of(expired.pythonClass()));
        }
        try {
            return JsonRpc.result(call.id(), services.webCallKw(uid.get(), params)).withCall(name, Optional.empty());
        } catch (OdooError e) {
            return JsonRpc.error(call.id(), e).withCall(name, Optional.of(e.pythonClass()));
        } catch (RuntimeException e) {
            OdooError internal = JsonRpc.internalError(e);
            return JsonRpc.error(call.id(), internal).withCall(name, Optional.of(internal.pythonClass()));
        }
    }

    /** The session info Odoo 17 answers on login, with the values of this user and server. */
    private Map<String, Object> sessionInfo(int uid) {
        Map<String, Object> user = database.table("res.users").row(uid);
        Map<String, Object> partner = database.table("res.partner").row((Integer) user.get("partner_id"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uid", uid);
        info.put("is_system", security.hasGroup(uid, "base.group_system"));
        info.put("is_admin", security.hasGroup(uid, "base.group_erp_manager"));
        info.put("is_internal_user", security.hasGroup(uid, "base.group_user"));
        info.put("user_context", ordered("lang", "en_US", "tz", false, "uid", uid));
        info.put("db", services.databaseName());
        // res.users.settings records are created per user on first login; admin's is the first, as recorded.
        info.put("user_settings", ordered("id", uid == 2 ? 1 : uid, "user_id", Map.of("id", uid),
                "is_discuss_sidebar_category_channel_open", true, "is_discuss_sidebar_category_chat_open", true,
                "push_to_talk_key", false, "use_push_to_talk", false, "voice_active_duration", 200,
                "volume_settings_ids", List.of(List.of("ADD", List.of()))));
        info.put("server_version", OdooServices.SERVER_VERSION);
        info.put("server_version_info", OdooServices.version().get("server_version_info"));
        info.put("support_url", "https://www.odoo.com/buy");
        info.put("name", user.get("name"));
        info.put("username", user.get("login"));
        info.put("partner_display_name", partner.get("name"));
        info.put("partner_id", user.get("partner_id"));
        info.put("web.base.url", baseUrl.get().toString());
        info.put("active_ids_limit", 20000);
        info.put("profile_session", null);
        info.put("profile_collectors", null);
        info.put("profile_params", null);
        info.put("max_file_upload_size", 134217728);
        info.put("home_action_id", false);
        info.put("cache_hashes", ordered("translations", "defdb954afc43a772d3154b0c1b6c78dec7e73f7", "load_menus",
                "558745222c30c10c6b1f83b3fa4dfc43229b1cb9448c53d7a0ab1fd86966f323"));
        info.put("currencies", Map.of("1", ordered("symbol", "$", "position", "before", "digits", List.of(69, 2))));
        info.put("bundle_params", Map.of("lang", "en_US"));
        info.put("user_companies", ordered("current_company", 1, "allowed_companies",
                Map.of("1", ordered("id", 1, "name", "My Company", "sequence", 0, "child_ids", List.of(), "parent_id",
                        false, "timesheet_uom_id", 4, "timesheet_uom_factor", 1.0)),
                "disallowed_ancestor_companies", Map.of()));
        info.put("show_effect", true);
        info.put("display_switch_company_menu", false);
        info.put("user_id", List.of(uid));
        info.put("max_time_between_keys_in_ms", 100);
        info.put("web_tours", List.of());
        info.put("tour_disable", false);
        info.put("notification_type", "email");
        info.put("odoobot_initialized", false);
        info.put("iap_company_enrich", true);
        info.put("is_quick_edit_mode_enabled", false);
        info.put("uom_ids", Map.of("4", ordered("id", 4, "name", "Hours", "rounding", 0.01, "timesheet_widget",
                "float_time")));
        return info;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
