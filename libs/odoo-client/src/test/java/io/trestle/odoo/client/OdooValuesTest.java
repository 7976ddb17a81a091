package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class OdooValuesTest {

    @Test
    void many2oneAsReadOrUnset() {
        assertThat(OdooValues.many2oneId(List.of(5, "Site A 233219"))).contains(5L);
        assertThat(OdooValues.many2oneName(List.of(5, "Site A 233219"))).contains("Site A 233219");
        assertThat(OdooValues.many2oneId(false)).isEmpty();
        assertThat(OdooValues.many2oneName(false)).isEmpty();
        assertThat(OdooValues.many2oneId(7)).contains(7L);
        assertThatThrownBy(() -> OdooValues.many2oneId("Site A")).hasMessageContaining("not a many2one");
    }

    @Test
    void datetimesAreNaiveUtcToTheSecond() {
        Instant instant = Instant.parse("2026-11-26T23:30:43.789Z");

        assertThat(OdooValues.datetime(instant)).isEqualTo("2026-11-26 23:30:43");
        assertThat(OdooValues.parseDatetime("2026-11-26 23:30:43")).contains(Instant.parse("2026-11-26T23:30:43Z"));
        assertThat(OdooValues.parseDatetime(false)).isEmpty();
    }

    @Test
    void datesAreIsoDays() {
        assertThat(OdooValues.date(LocalDate.of(2026, 11, 26))).isEqualTo("2026-11-26");
        assertThat(OdooValues.parseDate("2026-11-26")).contains(LocalDate.of(2026, 11, 26));
        assertThat(OdooValues.parseDate(false)).isEmpty();
        assertThat(OdooValues.orNull(false)).isNull();
        assertThat(OdooValues.orNull("x")).isEqualTo("x");
    }

    @Test
    void javaTimeArgumentsAreSentInOdooFormats() {
        assertThat(OdooJson.toTree(List.of(LocalDate.of(2026, 11, 26), Instant.parse("2026-11-26T23:30:43Z")))
                .toString()).isEqualTo("[\"2026-11-26\",\"2026-11-26 23:30:43\"]");
    }
}
