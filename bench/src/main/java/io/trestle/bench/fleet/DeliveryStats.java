package io.trestle.bench.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a hand-over order contains, counted from the order itself rather than from how it was made: a delivery is a
 * duplicate when its reading id was delivered before, and out of order when a later reading of the same machine was
 * delivered before it.
 */
public record DeliveryStats(int deliveries, int readings, int duplicates, int outOfOrder) {

    public static DeliveryStats of(List<Delivery> deliveries) {
        Set<String> seen = new HashSet<>();
        Map<String, Instant> newest = new HashMap<>();
        int duplicates = 0;
        int outOfOrder = 0;
        for (Delivery delivery : deliveries) {
            Reading reading = delivery.reading();
            if (!seen.add(reading.readingId())) {
                duplicates++;
                continue;
            }
            Instant latest = newest.get(reading.assetId());
            if (latest != null && latest.isAfter(reading.readingTime())) {
                outOfOrder++;
            } else {
                newest.put(reading.assetId(), reading.readingTime());
            }
        }
        return new DeliveryStats(deliveries.size(), seen.size(), duplicates, outOfOrder);
    }

    public double duplicateShare() {
        return readings == 0 ? 0 : (double) duplicates / readings;
    }

    public double outOfOrderShare() {
        return readings == 0 ? 0 : (double) outOfOrder / readings;
    }
}
