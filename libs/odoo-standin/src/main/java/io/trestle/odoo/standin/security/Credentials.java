package io.trestle.odoo.standin.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.orm.Table;

/** Logins, passwords and API keys. An API key works wherever a password does, as in Odoo. */
public final class Credentials {

    private final Database database;
    private final Map<String, Integer> apiKeys;

    /**
     * @param apiKeys
     *            key → uid
     */
    public Credentials(Database database, Map<String, Integer> apiKeys) {
        this.database = database;
        this.apiKeys = Map.copyOf(apiKeys);
    }

    /** The uid of the active user with this login whose password or API key is {@code secret}. */
    public Optional<Integer> login(String login, String secret) {
        Table users = database.table("res.users");
        for (Map<String, Object> user : users.rows()) {
            if (Objects.equals(user.get("login"), login) && Boolean.TRUE.equals(user.get("active"))) {
                int uid = (Integer) user.get("id");
                return check(uid, secret) ? Optional.of(uid) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public boolean check(int uid, String secret) {
        Map<String, Object> user = database.table("res.users").row(uid);
        if (user == null || !Boolean.TRUE.equals(user.get("active")) || secret == null || secret.isEmpty()) {
            return false;
        }
        return secret.equals(user.get("password")) || Integer.valueOf(uid).equals(apiKeys.get(secret));
    }

    /** JSON-2 accepts API keys only, never passwords. */
    public Optional<Integer> uidOfApiKey(String key) {
        Integer uid = apiKeys.get(key);
        if (uid == null) {
            return Optional.empty();
        }
        Map<String, Object> user = database.table("res.users").row(uid);
        return user != null && Boolean.TRUE.equals(user.get("active")) ? Optional.of(uid) : Optional.empty();
    }
}
