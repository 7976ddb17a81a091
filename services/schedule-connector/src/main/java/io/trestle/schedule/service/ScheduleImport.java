package io.trestle.schedule.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.schedule.config.ScheduleConnectorConfig;
import io.trestle.schedule.model.EquipmentRules;
import io.trestle.schedule.model.ScheduleMapper;
import io.trestle.schedule.model.ScheduleSnapshot;
import io.trestle.schedule.read.ScheduleReader;
import io.trestle.schedule.read.UnreadableScheduleException;

/** Reads an uploaded schedule file into one snapshot per project, with the configured equipment rules. */
@ApplicationScoped
public class ScheduleImport {

    private final ScheduleReader reader = new ScheduleReader();
    private final ScheduleMapper mapper;

    @Inject
    public ScheduleImport(ScheduleConnectorConfig config) {
        this(rules(config.equipment()));
    }

    ScheduleImport(EquipmentRules rules) {
        this.mapper = new ScheduleMapper(rules);
    }

    /**
     * @param content
     *            the file as uploaded; its format is told from the content
     * @throws UnreadableScheduleException
     *             when it is not a schedule the connector reads, or cannot be read in full
     */
    public List<ScheduleSnapshot> read(byte[] content) {
        return reader.read(content).stream().map(schedule -> mapper.map(schedule.format(), schedule.project()))
                .toList();
    }

    static EquipmentRules rules(ScheduleConnectorConfig.Equipment equipment) {
        return new EquipmentRules(Set.copyOf(equipment.groups().orElse(List.of())), equipment.flagField(),
                Set.copyOf(equipment.resources().orElse(List.of())));
    }
}
