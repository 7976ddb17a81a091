package io.trestle.schedule.export.delivery;

import io.trestle.schedule.export.files.ExportFile;

/**
 * One file of one project update, as a target gets it.
 *
 * @param projectKey
 *            {@code project-<canonical id>}
 * @param version
 *            the export's sequence number of the update: it grows with every update of any project, so the versions of
 *            one project grow too, with gaps
 */
public record Delivery(String projectKey, long version, ExportFile file) {

    /**
     * {@code <project key>-<SHA-256 of the file>}: the same key means the same bytes for the same project, so a target
     * that has taken a key can drop a repeat (a redelivery after a crash between delivery and commit).
     */
    public String idempotencyKey() {
        return projectKey + "-" + file.sha256();
    }

    /**
     * {@code <project key>.<format>.<version>.xml}, the version zero-padded so that names sort in delivery order, e.g.
     * {@code project-42.pmxml.0000000017.xml}.
     */
    public String fileName() {
        return "%s.%s.%010d.xml".formatted(projectKey, file.format().token(), version);
    }
}
