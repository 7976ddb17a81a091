package io.trestle.telemetry.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The resource tests' day, 2026-11-27, so their dates stay within the analytics retention whenever they run. */
public class FixedClock {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
