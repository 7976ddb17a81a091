package io.trestle.equipment.aemp;

import java.util.List;

import io.trestle.equipment.domain.TelemetryItem;

/**
 * One machine of a fleet snapshot.
 *
 * @param identity
 *            the machine as the vendor names it
 * @param readings
 *            one reading per distinct element {@code datetime}, oldest first; {@code assetId} is left null for the
 *            crosswalk to fill
 */
public record AempEquipment(EquipmentIdentity identity, List<TelemetryItem> readings) {
}
