package io.trestle.equipment.aemp;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.trestle.equipment.domain.TelemetryItem;

/**
 * One page of a time series ({@code /Fleet/Equipment/{id}/{dataElement}/{start}/{end}/{page}}).
 *
 * @param identity
 *            the machine from the payload's {@code EquipmentHeader}, or the one requested when the payload has none
 * @param readings
 *            one reading per distinct {@code datetime}, oldest first
 * @param next
 *            the page to fetch next, as the vendor wrote it; empty on the last page
 * @param last
 *            the last page, as the vendor wrote it
 */
public record AempTimeSeriesPage(EquipmentIdentity identity, List<TelemetryItem> readings, Optional<URI> next,
        Optional<URI> last) {
}
