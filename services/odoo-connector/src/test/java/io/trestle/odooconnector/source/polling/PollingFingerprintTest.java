package io.trestle.odooconnector.source.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odooconnector.source.OdooRecord;
import io.trestle.odooconnector.source.OdooRecord.Reference;

/**
 * Fingerprints are stored on the positions topic and compared after a restart, possibly by another JVM or release: a
 * fingerprint that changed for the same values would publish the cursor's last second again.
 */
class PollingFingerprintTest {

    private static final Instant WRITTEN = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void theSameValuesGiveTheSameFingerprintInEveryJvm() {
        // SHA-256 of the values sorted by name, as text, cut to 16 bytes, base64url: computed outside Java.
        assertThat(Seen.of(project(values("Site A")))).isEqualTo(new Seen(WRITTEN, "sDcdKVrm-NY7m2OX2_q2yQ"));
    }

    @Test
    void theOrderOfTheValuesDoesNotChangeTheFingerprint() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("write_date", WRITTEN);
        reversed.put("allocated_hours", 12.5);
        reversed.put("date_start", LocalDate.of(2026, 3, 2));
        reversed.put("company_id", new Reference(1, "My Company"));
        reversed.put("active", true);
        reversed.put("name", "Site A");

        assertThat(Seen.of(project(reversed))).isEqualTo(Seen.of(project(values("Site A"))));
    }

    @Test
    void anyChangedValueChangesTheFingerprint() {
        assertThat(Seen.of(project(values("Site A, phase 2"))).fingerprint())
                .isNotEqualTo(Seen.of(project(values("Site A"))).fingerprint());
    }

    private static OdooRecord project(Map<String, Object> values) {
        return new OdooRecord(OdooModel.PROJECT, 7, values, false);
    }

    private static Map<String, Object> values(String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("active", true);
        values.put("company_id", new Reference(1, "My Company"));
        values.put("date_start", LocalDate.of(2026, 3, 2));
        values.put("allocated_hours", 12.5);
        values.put("write_date", WRITTEN);
        return values;
    }
}
