package io.trestle.schedule.drafts;

import java.util.Locale;

/** How a schedule reached the connector. */
public enum DraftSource {

    /** {@code POST /api/v1/schedules}. */
    UPLOAD,
    /** A file dropped into the watched folder. */
    DROP_FOLDER,
    /** {@code POST /api/v1/schedules/webhook}. */
    WEBHOOK;

    /** E.g. {@code drop-folder}: the metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
