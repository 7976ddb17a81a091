package io.trestle.schedule.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.model.ApprovalRules;
import io.trestle.schedule.model.EquipmentRules;
import io.trestle.schedule.model.ScheduleMapper;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.read.ScheduleReader;
import io.trestle.schedule.read.UnreadableScheduleException;

/**
 * Reads an uploaded schedule file into one snapshot per project, with the configured equipment rules, and tells which
 * projects the configured approval rules approve.
 */
@ApplicationScoped
public class ScheduleImport {

    private final ScheduleReader reader = new ScheduleReader();
    private final ScheduleMapper mapper;
    private final ApprovalRules approvalRules;

    @Inject
    public ScheduleImport(ScheduleConnectorConfig config) {
        this(rules(config.equipment()), approvalRules(config.approval()));
    }

    ScheduleImport(EquipmentRules rules, ApprovalRules approvalRules) {
        this.mapper = new ScheduleMapper(rules);
        this.approvalRules = approvalRules;
    }

    /**
     * @param content
     *            the file as uploaded; its format is told from the content
     * @throws UnreadableScheduleException
     *             when it is not a schedule the connector reads, or cannot be read in full
     */
    public List<ScheduleSnapshot> read(byte[] content) {
        return readApproving(content).stream().map(ImportedSchedule::snapshot).toList();
    }

    /**
     * Like {@link #read}, with the approval rules applied to each project.
     *
     * @throws UnreadableScheduleException
     *             when it is not a schedule the connector reads, or cannot be read in full
     */
    public List<ImportedSchedule> readApproving(byte[] content) {
        return reader.read(content).stream()
                .map(schedule -> new ImportedSchedule(mapper.map(schedule.format(), schedule.project()),
                        approvalRules.approves(schedule.format(), schedule.project())))
                .toList();
    }

    static EquipmentRules rules(ScheduleConnectorConfig.Equipment equipment) {
        return new EquipmentRules(Set.copyOf(equipment.groups().orElse(List.of())), equipment.flagField(),
                Set.copyOf(equipment.resources().orElse(List.of())));
    }

    static ApprovalRules approvalRules(ScheduleConnectorConfig.Approval approval) {
        return new ApprovalRules(approval.p6ProjectCode(), Set.copyOf(approval.p6Values()),
                approval.msprojectFlag());
    }
}
