package io.trestle.equipment.domain;

import java.util.List;

/**
 * A batch of readings as a push client sends it.
 *
 * @param source
 *            optional client name; when present it must be the authenticated client
 * @param readings
 *            the readings, validated all together before anything is published
 */
public record TelemetryBatch(String source, List<TelemetryItem> readings) {
}
