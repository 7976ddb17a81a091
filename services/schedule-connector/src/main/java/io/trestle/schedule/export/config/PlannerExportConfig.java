package io.trestle.schedule.export.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schedule.export.files.ExportFormat;
import io.trestle.schema.topic.TopicNames;

/**
 * Typed configuration of the project-structure export (Odoo master data out to the planner); every value can be set
 * through environment variables ({@code TRESTLE_SCHEDULE_CONNECTOR_EXPORT_…}).
 */
@ConfigMapping(prefix = "trestle.schedule-connector.export")
public interface PlannerExportConfig {

    /**
     * Off unless asked for. The export reads every partition of the master-data topics itself (a project's tasks and
     * cost codes are keyed, and so partitioned, by their own ids), so exactly one instance per consumer group may run
     * it: enable it on one replica only.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Group whose committed offsets say what the planner already has; keep it stable. A new group delivers every
     * project once, as it stands.
     */
    @WithDefault("trestle-schedule-connector-export")
    String consumerGroup();

    /** The files written for every project update. */
    @WithDefault("PMXML,MSPDI")
    Set<ExportFormat> formats();

    /** How long one poll waits for records, and how often the backlog gauge is refreshed while waiting. */
    @WithDefault("PT1S")
    Duration pollTimeout();

    Topics topics();

    Outbox outbox();

    Planner planner();

    Retry retry();

    interface Topics {

        @WithDefault(TopicNames.MASTER_PROJECT)
        String projects();

        @WithDefault(TopicNames.MASTER_PROJECT_TASK)
        String projectTasks();

        @WithDefault(TopicNames.MASTER_COST_CODE)
        String costCodes();

        /** Where updates the planner refused for their content, and records that cannot be decoded, go. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();
    }

    /** A folder the files are written to, e.g. a share a P6 import job or an SFTP mirror picks them up from. */
    interface Outbox {

        /** Created when missing; unset means no outbox. */
        Optional<Path> directory();
    }

    /** The planner's REST endpoint the files are POSTed to. */
    interface Planner {

        /**
         * Unset means no endpoint. May contain {@code {project}} (the project key, e.g. {@code project-42}) and
         * {@code {format}} ({@code pmxml}, {@code mspdi}), e.g. {@code https://planner.example.com/import/{format}}.
         */
        Optional<String> url();

        @WithDefault("application/xml")
        String contentType();

        @WithDefault("Authorization")
        String authHeaderName();

        /** The whole header value, e.g. {@code Bearer …}; from a secret, never logged. Unset sends no such header. */
        Optional<String> authHeaderValue();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Until the planner's answer; a planner that takes longer counts as unavailable and is asked again. */
        @WithDefault("PT30S")
        Duration timeout();
    }

    interface Retry {

        /** First wait after the planner failed; doubles up to max-backoff while it keeps failing. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();
    }
}
