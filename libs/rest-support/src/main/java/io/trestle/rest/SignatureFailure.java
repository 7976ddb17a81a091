package io.trestle.rest;

import java.util.Locale;

/**
 * Why a signed client's request was refused. Each has a short, stable tag for metrics and logs, and a title for the
 * problem document; neither ever carries a secret or a signature.
 */
public enum SignatureFailure {

    MISSING_TIMESTAMP("Missing signature timestamp"),
    MALFORMED_TIMESTAMP("Malformed signature timestamp"),
    STALE_TIMESTAMP("Stale signature timestamp"),
    MISSING_SIGNATURE("Missing signature"),
    MALFORMED_SIGNATURE("Malformed signature"),
    SIGNATURE_MISMATCH("Signature mismatch");

    private final String title;

    SignatureFailure(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** E.g. {@code stale-timestamp}: the metric tag and log word. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
