package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            7 | PT7S
            ' 120 ' | PT2M
            Thu, 26 Nov 2026 23:30:45 GMT | PT45S
            Thu, 26 Nov 2026 23:00:00 GMT | PT0S
            soon |
            -5 |
            99999999999999999999999 |
            """)
    void parses(String header, Duration expected) {
        assertThat(RetryAfter.parse(Optional.of(header), NOW)).isEqualTo(Optional.ofNullable(expected));
    }
}
