package io.trestle.telemetry.query;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.telemetry.config.AggregatorConfig;

/**
 * The days the analysts' stores are sure to hold. The stores purge by the postings' time, which does not run ahead of
 * the wall clock (readings from the future are refused at ingest), so no instance has purged a day after
 * {@code today - retention}; one day more absorbs a posting a little ahead of this instance's clock. Older days are
 * refused rather than answered as zero: some partitions may have purged them already and others not.
 */
@ApplicationScoped
public class RetainedDays {

    public static final String PROPERTY = "trestle.telemetry-aggregator.analytics.retention";

    private final Clock clock;
    private final Duration retention;

    @Inject
    public RetainedDays(AggregatorConfig config, Clock clock) {
        this.retention = config.analytics().retention();
        this.clock = clock;
    }

    /** The oldest UTC day a query is answered for. */
    public LocalDate first() {
        return LocalDate.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC).plusDays(1);
    }

    /** Why {@code day} is not answered, for the caller. */
    public String whyNotAnswered(LocalDate day) {
        return day + " is before " + first() + ", the oldest day answered: the analytics stores keep a day for "
                + describe(retention) + " (" + PROPERTY + ") and then purge it";
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + " days" : duration.toString();
    }
}
