package io.trestle.odoo.standin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets, so create and write dates are the recorded ones. */
final class MutableClock extends Clock {

    private volatile Instant now;

    MutableClock(String instant) {
        this.now = Instant.parse(instant);
    }

    void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The stand-in works in UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
