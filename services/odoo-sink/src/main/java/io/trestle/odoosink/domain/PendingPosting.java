package io.trestle.odoosink.domain;

import io.trestle.schema.cost.CostPosting;

/**
 * A consumed cost posting with where it came from, and its bytes as they were on the topic so a refused posting can be
 * dead-lettered verbatim.
 */
public record PendingPosting(CostPosting posting, String topic, int partition, long offset, String key,
        byte[] rawValue) {
}
