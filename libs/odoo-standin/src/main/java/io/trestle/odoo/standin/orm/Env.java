package io.trestle.odoo.standin.orm;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who calls, with which context, at what time, inside which transaction: Odoo's {@code env}. */
public final class Env {

    /** OdooBot, Odoo's superuser: no access checks. */
    public static final int SUPERUSER_ID = 1;

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final int uid;
    private final boolean sudo;
    private final Map<String, Object> context;
    private final LocalDateTime now;
    private final Transaction transaction;

    public Env(int uid, Map<String, Object> context, LocalDateTime now, Transaction transaction) {
        this(uid, false, context, now, transaction);
    }

    private Env(int uid, boolean sudo, Map<String, Object> context, LocalDateTime now, Transaction transaction) {
        this.uid = uid;
        this.sudo = sudo;
        this.context = Map.copyOf(withoutNulls(context));
        this.now = now.withNano(0);
        this.transaction = transaction;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> context) {
        Map<String, Object> copy = new LinkedHashMap<>();
        context.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    public int uid() {
        return uid;
    }

    /** Whether access rights and record rules are skipped. */
    public boolean isSuperuser() {
        return sudo || uid == SUPERUSER_ID;
    }

    public Env sudo() {
        return new Env(uid, true, context, now, transaction);
    }

    public Env withContext(Map<String, Object> extra) {
        Map<String, Object> merged = new LinkedHashMap<>(context);
        merged.putAll(extra);
        return new Env(uid, sudo, merged, now, transaction);
    }

    /** The language translatable fields are read and written in. */
    public String lang() {
        return context.get("lang") instanceof String lang && !lang.isEmpty() ? lang : "en_US";
    }

    /** Whether searches leave out archived records ({@code active_test} in the context). */
    public boolean activeTest() {
        return !Boolean.FALSE.equals(context.get("active_test"));
    }

    /** The transaction's time: every record a call writes gets the same create/write date, as in PostgreSQL. */
    public LocalDateTime now() {
        return now;
    }

    public String nowText() {
        return DATETIME.format(now);
    }

    /** Today in the user's time zone; users have none here, so UTC as for Odoo's admin. */
    public String todayText() {
        return now.toLocalDate().toString();
    }

    public Transaction transaction() {
        return transaction;
    }
}
