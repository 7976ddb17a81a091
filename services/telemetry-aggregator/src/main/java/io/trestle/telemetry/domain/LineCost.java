package io.trestle.telemetry.domain;

import java.math.BigDecimal;

/**
 * The figures of one posted cost line as last posted.
 *
 * @param revision
 *            the posting's revision; a figure is only replaced by a later revision
 */
public record LineCost(int revision, double operatingHours, double idleHours, BigDecimal amount) {
}
