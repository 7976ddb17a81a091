package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.telemetry.domain.LineKey;
import io.trestle.telemetry.domain.LineValues;
import io.trestle.telemetry.domain.PostedLine;
import io.trestle.telemetry.domain.PostedWindow;
import io.trestle.telemetry.domain.PricedLine;

class LineCorrectionsTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant END = Instant.parse("2026-11-27T08:15:00Z");
    private static final LineKey PROJECT = new LineKey("42", "100");
    private static final LineKey UNALLOCATED = new LineKey(null, "UNALLOCATED");

    @Test
    void aLineComputedForTheFirstTimeIsAnOriginal() {
        LineCorrections.Outcome outcome = reconcile(PostedWindow.NONE, new PricedLine(PROJECT, null, hours(0.25)));

        assertThat(outcome.publish()).singleElement().satisfies(line -> {
            assertThat(line.revision()).isZero();
            assertThat(line.postingId()).isEqualTo(id(PROJECT, 0)).isEqualTo(line.originalPostingId());
        });
    }

    @Test
    void everyCorrectionOfALineNamesItsOriginalAndCountsUp() {
        PostedWindow first = reconcile(PostedWindow.NONE, new PricedLine(PROJECT, null, hours(0.25))).posted();
        LineCorrections.Outcome second = reconcile(first, new PricedLine(PROJECT, null, hours(0.3)));
        LineCorrections.Outcome third = reconcile(second.posted(), new PricedLine(PROJECT, null, hours(0.35)));

        assertThat(List.of(second.publish().get(0), third.publish().get(0)))
                .extracting(PostedLine::revision, PostedLine::postingId, PostedLine::originalPostingId)
                .containsExactly(tuple(1, id(PROJECT, 1), id(PROJECT, 0)), tuple(2, id(PROJECT, 2), id(PROJECT, 0)));
    }

    @Test
    void anUnchangedLinePostsNothing() {
        PostedWindow first = reconcile(PostedWindow.NONE, new PricedLine(PROJECT, null, hours(0.25))).posted();

        assertThat(reconcile(first, new PricedLine(PROJECT, null, hours(0.25))).publish()).isEmpty();
    }

    @Test
    void aLineThatLostItsUsageIsCorrectedToZero() {
        PostedWindow first = reconcile(PostedWindow.NONE,
                new PricedLine(UNALLOCATED, "NO_RESERVATION", hours(0.25))).posted();

        LineCorrections.Outcome moved = reconcile(first, new PricedLine(PROJECT, null, hours(0.25)));

        assertThat(moved.publish()).extracting(line -> line.key(), PostedLine::revision,
                line -> line.values().operatingHours(), line -> line.values().amount())
                .containsExactlyInAnyOrder(tuple(UNALLOCATED, 1, 0.0, new BigDecimal("0.00")),
                        tuple(PROJECT, 0, 0.25, new BigDecimal("20.00")));
    }

    private static LineCorrections.Outcome reconcile(PostedWindow before, PricedLine... now) {
        return LineCorrections.reconcile(before, List.of(now), "EX-1", START, END);
    }

    private static String id(LineKey key, int revision) {
        return CostPostings.postingId(key.projectId(), key.costCodeId(), "EX-1", START, END, revision);
    }

    private static LineValues hours(double hours) {
        return new LineValues(null, hours, null, null, null,
                BigDecimal.valueOf(hours).multiply(new BigDecimal("80")).setScale(2), new BigDecimal("80.0000"),
                "EUR");
    }
}
