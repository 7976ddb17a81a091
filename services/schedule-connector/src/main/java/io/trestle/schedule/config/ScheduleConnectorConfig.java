package io.trestle.schedule.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

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

    /**
     * API keys of the clients of the schedule API (uploads, drafts, inspect, webhook) as comma-separated
     * {@code client:key} entries, parsed and checked by {@link io.trestle.rest.ApiKeys}. A webhook client's name
     * becomes its planner's source system ({@code planner:<client>}). No keys configured means every request is
     * refused.
     */
    Optional<List<String>> apiKeys();

    /**
     * Roles of API-key clients as comma-separated {@code client:role} entries ({@code read} or {@code write}, which
     * includes read), parsed and checked by {@link io.trestle.rest.ApiKeyRoles}; clients not listed have {@code write}.
     * E.g. {@code dashboard:read} for a client that may only query and dry-run.
     */
    Optional<List<String>> apiKeyRoles();

    /**
     * Signing secrets of the clients that sign their requests, as comma-separated {@code client:secret} entries,
     * checked by {@link io.trestle.rest.RequestSignatures}: such a client sends {@code X-Trestle-Timestamp} and
     * {@code X-Trestle-Signature} besides its API key.
     */
    Optional<List<String>> signingSecrets();

    /** How far a signed request's timestamp may lie from the connector's clock, either way. */
    @WithDefault("PT5M")
    Duration signatureTolerance();

    /**
     * The time zone the planners work in. Schedule files carry local date-times without a zone; events carry instants,
     * so there is no safe default.
     */
    ZoneId plannerZone();

    /**
     * Where drafts ({@code drafts/<id>/}) and rejected uploads ({@code rejected/}) are kept. Must survive restarts (a
     * persistent volume): a draft lives here until it is published or deleted.
     */
    @WithDefault("schedule-connector-data")
    Path dataDir();

    Topics topics();

    Publishing publishing();

    Approval approval();

    DropFolder dropFolder();

    interface Topics {

        /** The compacted crosswalk external ids are resolved through (read, never written). */
        @WithDefault(TopicNames.MASTER_CROSSWALK)
        String crosswalk();

        @WithDefault(TopicNames.SCHEDULE_TASK_SCHEDULED)
        String taskScheduled();

        @WithDefault(TopicNames.SCHEDULE_TASK_CHANGED)
        String taskChanged();

        @WithDefault(TopicNames.SCHEDULE_TASK_CANCELLED)
        String taskCancelled();

        @WithDefault(TopicNames.SCHEDULE_CREW_ASSIGNMENT)
        String crewAssignments();

        /** Equipment reservations, shared with the equipment connector; keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_RESERVATION)
        String reservations();

        /** Unreadable files and refused changes, kept with their reason. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();

        /**
         * The connector's own state, compacted: the last published version of every project, so a restart publishes
         * only what changed since. Created when missing.
         */
        @WithDefault("trestle.internal.schedule-connector.published-schedules")
        String publishedSchedules();
    }

    interface Publishing {

        /** How long a publish waits for the broker to acknowledge every event and the stored version. */
        @WithDefault("PT60S")
        Duration timeout();

        /**
         * Largest stored version (a project's snapshot as JSON, before compression). Sets the producer's
         * {@code max.request.size} and the topic's {@code max.message.bytes}; a schedule whose JSON is larger is
         * refused before anything of it is published. 16 MiB hold some 25,000 activities with their assignments.
         */
        @WithDefault("16M")
        MemorySize maxVersionSize();

        /**
         * Largest unreadable file carried whole in its quarantine entry; a larger one is referred to by where it is
         * kept.
         */
        @WithDefault("512K")
        MemorySize maxQuarantinedPayload();
    }

    /**
     * Rules that approve a schedule for publishing as soon as it arrives; none configured means every schedule waits as
     * a draft for {@code POST /api/v1/schedules/drafts/{id}/publish}.
     */
    interface Approval {

        /** A P6 project code whose value approves, e.g. {@code Schedule Status}. */
        Optional<String> p6ProjectCode();

        /** The values of {@link #p6ProjectCode()} that approve (short name or description), ignoring case. */
        @WithDefault("Approved")
        List<String> p6Values();

        /**
         * A task flag that approves when set on the MS Project summary task, by name ({@code Flag5}) or alias
         * ({@code Approved}).
         */
        Optional<String> msprojectFlag();
    }

    interface DropFolder {

        /**
         * Folder planners drop schedule files into; absent, no folder is watched. Files are moved to {@code processed/}
         * or {@code rejected/} beside them, so the connector needs write access.
         */
        Optional<Path> path();

        /**
         * Time between two scans. A file is taken once its size and modification time are the same in two scans in a
         * row, so it is never read while still being copied.
         */
        @WithDefault("PT10S")
        Duration interval();
    }
}
