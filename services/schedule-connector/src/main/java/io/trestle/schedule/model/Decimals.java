package io.trestle.schedule.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.mpxj.Duration;
import org.mpxj.TimeUnit;
import org.mpxj.TimeUnitDefaultsContainer;

/**
 * Numbers of the snapshot at one fixed scale, so that values MPXJ computes in floating point compare equal whenever the
 * file says the same thing.
 */
final class Decimals {

    private static final int SCALE = 2;

    private Decimals() {
    }

    /** The duration in hours, days and weeks converted by the project's working time per day and week. */
    static BigDecimal hours(Duration duration, TimeUnitDefaultsContainer defaults) {
        return duration == null ? null : of(duration.convertUnits(TimeUnit.HOURS, defaults).getDuration());
    }

    static BigDecimal of(Number value) {
        return value == null ? null : BigDecimal.valueOf(value.doubleValue()).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
