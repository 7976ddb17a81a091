package io.trestle.schedule.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.fixtures.Schedules;
import io.trestle.schedule.read.ScheduleReader;
import io.trestle.schedule.read.SourceSchedule;

class ApprovalRulesTest {

    private static final ApprovalRules RULES = new ApprovalRules(Optional.of("schedule status"), Set.of("APPROVED"),
            Optional.of("Approved"));

    private final ScheduleReader reader = new ScheduleReader();

    @Test
    void approvesAP6ScheduleWhoseProjectCodeHasAnApprovingValue() {
        SourceSchedule approved = read(Schedules.withP6ProjectCode(Fixtures.bytes(Fixtures.HARBOUR_V1), "Approved"));
        SourceSchedule draft = read(Schedules.withP6ProjectCode(Fixtures.bytes(Fixtures.HARBOUR_V1), "Draft"));

        assertThat(RULES.approves(approved.format(), approved.project()))
                .contains("P6 project code 'Schedule Status' is 'Approved'");
        assertThat(RULES.approves(draft.format(), draft.project())).isEmpty();
        assertThat(ApprovalRules.NONE.approves(approved.format(), approved.project())).isEmpty();
    }

    @Test
    void approvesAnMsProjectScheduleFlaggedOnItsProjectSummaryTask() {
        SourceSchedule flagged = read(Schedules.withMsProjectSummaryFlag(Fixtures.bytes(Fixtures.RIVERSIDE_V1)));
        SourceSchedule plain = read(Fixtures.bytes(Fixtures.RIVERSIDE_V1));
        ApprovalRules byFlagName = new ApprovalRules(Optional.empty(), Set.of(), Optional.of("Flag20"));

        assertThat(RULES.approves(flagged.format(), flagged.project()))
                .contains("MS Project flag 'Approved' is set on the project summary task");
        assertThat(byFlagName.approves(flagged.format(), flagged.project())).isPresent();
        assertThat(RULES.approves(plain.format(), plain.project())).isEmpty();
    }

    private SourceSchedule read(byte[] content) {
        return reader.read(content).get(0);
    }
}
