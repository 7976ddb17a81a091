package io.trestle.equipment.aemp;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a fleet snapshot ({@code /Fleet/{page}}).
 *
 * @param equipment
 *            the machines on this page, in payload order
 * @param next
 *            the page to fetch next, as the vendor wrote it (possibly relative); empty on the last page
 * @param last
 *            the last page, as the vendor wrote it
 * @param snapshotTime
 *            when the vendor took the snapshot, where it says
 */
public record AempPage(List<AempEquipment> equipment, Optional<URI> next, Optional<URI> last,
        Optional<Instant> snapshotTime) {
}
