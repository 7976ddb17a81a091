package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestFaults.breakdown;
import static io.trestle.odoosink.TestWorkOrders.workOrders;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.trestle.odoosink.service.BreakdownRequests.Mapped;
import io.trestle.odoosink.service.BreakdownRequests.NotABreakdown;
import io.trestle.odoosink.service.BreakdownRequests.Refused;
import io.trestle.schema.common.Severity;
import io.trestle.schema.equipment.FaultReported;
import io.trestle.schema.equipment.FaultState;

class BreakdownRequestsTest {

    @Test
    void anActiveBreakdownBecomesAnOpenCorrectiveRequestOnItsEquipmentUnderTheFaultsExternalId() {
        FaultReported fault = breakdown("fleet:F-7", "17");
        fault.setOccurrenceCount(3);

        assertThat(BreakdownRequests.map(workOrders(), fault)).isInstanceOfSatisfying(Mapped.class, mapped -> {
            assertThat(mapped.row().equipmentId()).isEqualTo(17);
            assertThat(mapped.row().values()).containsExactly("trestle.fault_fleet_3a_F_2d_7",
                    "Breakdown 1569-31: Engine derate",
                    "Fault 1569-31 (J1939); SPN 1569, FMI 31; severity HIGH; reported by TELEMATICS at "
                            + "2026-11-26T07:40:00Z; seen 3 time(s); Trestle fault fleet:F-7",
                    "17", "corrective", "2", "2026-11-26", "maintenance.stage_0");
        });
    }

    @Test
    void warningsAndClearedFaultsAskNothingOfOdoo() {
        FaultReported warning = breakdown("F-1", "17");
        warning.setBreakdown(false);
        FaultReported cleared = breakdown("F-2", "17");
        cleared.setState(FaultState.CLEARED);

        assertThat(BreakdownRequests.map(workOrders(), warning)).isInstanceOf(NotABreakdown.class);
        assertThat(BreakdownRequests.map(workOrders(), cleared)).isInstanceOf(NotABreakdown.class);
    }

    @Test
    void anAssetIdThatIsNotAnOdooEquipmentIdNeverReachesOdoo() {
        assertThat(BreakdownRequests.map(workOrders(), breakdown("F-3", "EX-1001")))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_CANONICAL_ID");
                    assertThat(refused.message()).contains("'EX-1001'");
                });
    }

    @Test
    void theMoreSevereTheBreakdownTheHigherTheRequestsPriority() {
        assertThat(BreakdownRequests.priority(Severity.CRITICAL)).isEqualTo("3");
        assertThat(BreakdownRequests.priority(Severity.HIGH)).isEqualTo("2");
        assertThat(BreakdownRequests.priority(Severity.MEDIUM)).isEqualTo("1");
        assertThat(BreakdownRequests.priority(Severity.UNKNOWN)).isEqualTo("0");
    }
}
