package io.trestle.odooconnector.source.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdcTranslationsTest {

    private final Translations french = new Translations("fr_FR");

    @Test
    void configuredLanguageComesFirst() {
        assertThat(french.resolve("{\"en_US\": \"Crane\", \"fr_FR\": \"Grue\"}")).isEqualTo("Grue");
    }

    @Test
    void englishStandsInForAMissingTranslation() {
        assertThat(french.resolve("{\"de_DE\": \"Kran\", \"en_US\": \"Crane\"}")).isEqualTo("Crane");
    }

    @Test
    void anyLanguageStandsInWhenNeitherIsThere() {
        assertThat(french.resolve("{\"de_DE\": \"Kran\"}")).isEqualTo("Kran");
    }

    @Test
    void emptyTranslationIsKeptAsOdooReadsIt() {
        assertThat(french.resolve("{\"en_US\": \"Crane\", \"fr_FR\": \"\"}")).isEmpty();
    }
}
