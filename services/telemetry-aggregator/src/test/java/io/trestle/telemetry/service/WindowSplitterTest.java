package io.trestle.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.trestle.telemetry.domain.UsageDelta;

class WindowSplitterTest {

    private static final long MINUTE = 60_000L;
    private static final long WINDOW = 15 * MINUTE;

    @Test
    void usageInsideOneWindowStaysWhole() {
        UsageDelta delta = new UsageDelta(2 * MINUTE, 7 * MINUTE, 0.1, null, 3.0, "L");

        assertThat(WindowSplitter.split(delta, WINDOW)).containsExactly(delta);
    }

    @Test
    void usageAcrossWindowsIsSharedInProportionToTime() {
        UsageDelta delta = new UsageDelta(10 * MINUTE, 40 * MINUTE, 3.0, 0.6, 30.0, "L");

        List<UsageDelta> pieces = WindowSplitter.split(delta, WINDOW);

        assertThat(pieces).extracting(UsageDelta::from, UsageDelta::to)
                .containsExactly(tuple(10 * MINUTE, 15 * MINUTE),
                        tuple(15 * MINUTE, 30 * MINUTE),
                        tuple(30 * MINUTE, 40 * MINUTE));
        assertThat(pieces.get(0).operatingHours()).isCloseTo(0.5, within(1e-9));
        assertThat(pieces.get(1).operatingHours()).isCloseTo(1.5, within(1e-9));
        assertThat(pieces.get(2).idleHours()).isCloseTo(0.2, within(1e-9));
        assertThat(pieces.stream().mapToDouble(UsageDelta::fuelUsed).sum()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void usageEndingOnAWindowBoundaryDoesNotSpillIntoTheNextWindow() {
        UsageDelta delta = new UsageDelta(10 * MINUTE, 15 * MINUTE, 0.2, null, null, null);

        assertThat(WindowSplitter.split(delta, WINDOW)).containsExactly(delta);
    }
}
