package io.trestle.odooconnector.source.polling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.TreeMap;

import io.trestle.odooconnector.source.OdooRecord;

/**
 * What was last handed over for one record: its {@code write_date} and a fingerprint of its values. The fingerprint
 * lets a re-read of the same second publish only records whose values changed: two writes within one second read as the
 * same {@code write_date}.
 */
record Seen(Instant writeDate, String fingerprint) {

    private static final int FINGERPRINT_BYTES = 16;

    static Seen of(OdooRecord record) {
        return new Seen(record.writeDate(), fingerprint(record));
    }

    /**
     * The normalised values by field name; their text forms (strings, numbers, ISO dates and instants, references) are
     * the same in every JVM, so fingerprints stored before a restart still compare.
     */
    private static String fingerprint(OdooRecord record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(new TreeMap<>(record.values()).toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, FINGERPRINT_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
