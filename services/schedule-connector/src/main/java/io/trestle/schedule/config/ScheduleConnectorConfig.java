package io.trestle.schedule.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Typed configuration of the schedule connector; every value can be set through environment variables. */
@ConfigMapping(prefix = "trestle.schedule-connector")
public interface ScheduleConnectorConfig {

    Equipment equipment();

    /**
     * Which MS Project work resources are equipment; any one rule suffices. None configured means every MS Project work
     * resource is a crew. P6 files need no rule: their RT_Equip resources are equipment.
     */
    interface Equipment {

        /** Resource groups (MS Project Group) whose members are equipment, e.g. {@code Equipment,Plant}. */
        Optional<List<String>> groups();

        /**
         * A resource flag set on equipment, by name ({@code Flag3}) or by its alias in the file ({@code Is Equipment}).
         */
        Optional<String> flagField();

        /** Names or codes of resources that are equipment, e.g. {@code EX-07,Mobile crane CR-2}. */
        Optional<List<String>> resources();
    }
}
