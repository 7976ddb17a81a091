package io.trestle.telemetry.domain;

/**
 * The hours of one posted cost line as last posted.
 *
 * @param revision
 *            the posting's revision; a figure is only replaced by a later revision
 */
public record LineHours(int revision, double operatingHours, double idleHours) {
}
