package io.trestle.schedule.export.files;

/**
 * One written file of a project skeleton.
 *
 * @param sha256
 *            hex SHA-256 of the bytes: the same structure always writes the same bytes, so this names the content
 */
public record ExportFile(ExportFormat format, byte[] bytes, String sha256) {
}
