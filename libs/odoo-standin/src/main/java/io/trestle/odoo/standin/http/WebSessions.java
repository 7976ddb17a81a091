package io.trestle.odoo.standin.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The web client's sessions: a {@code session_id} cookie → the logged-in uid. */
final class WebSessions {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Integer> sessions = new ConcurrentHashMap<>();

    String open(int uid) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.put(id, uid);
        return id;
    }

    Optional<Integer> uid(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    void clear() {
        sessions.clear();
    }
}
