package io.trestle.bench.fleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A machine of the fleet with its Odoo master data.
 *
 * @param rateChange
 *            when the hourly rate changes during the run (to {@code newRate}), if it does
 */
public record Asset(int index, String assetId, EquipmentType type, BigDecimal hourlyRate,
        Optional<RateChange> rateChange) {

    public record RateChange(Instant from, BigDecimal newRate) {
    }

    public String name() {
        return type.label() + " #" + assetId;
    }
}
