package io.trestle.odoosink.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.odoo.client.OdooProtocol;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the Odoo sink; production sets it through environment variables. */
@ConfigMapping(prefix = "trestle.odoo-sink")
public interface SinkConfig {

    Odoo odoo();

    Topics topics();

    Batch batch();

    Retry retry();

    Costs costs();

    WorkOrders workOrders();

    Schedule schedule();

    Purchases purchases();

    /**
     * Prefix of the sink's consumer groups, one per input ({@code <prefix>-cost-posting}, …); keep it stable, the
     * groups hold the committed positions.
     */
    @WithDefault("trestle-odoo-sink")
    String consumerGroup();

    interface Odoo {

        /** Base URL of the Odoo server, e.g. {@code https://erp.example.com}. */
        URI url();

        String database();

        /** Login of the integration user. */
        String login();

        /** API key (or password) of the integration user; from a secret, never logged. */
        String apiKey();

        /** JSON_RPC (Odoo 14–18), JSON_2 (19+) or AUTO (detected from common.version). */
        @WithDefault("AUTO")
        OdooProtocol protocol();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** A batch of 500 lines takes about a second on a 2-core Odoo; leave room for a loaded server. */
        @WithDefault("PT60S")
        Duration readTimeout();
    }

    interface Topics {

        @WithDefault(TopicNames.COST_POSTING)
        String costPostings();

        @WithDefault(TopicNames.EQUIPMENT_WORK_ORDER)
        String workOrders();

        @WithDefault(TopicNames.EQUIPMENT_FAULT)
        String faults();

        @WithDefault(TopicNames.SCHEDULE_TASK_SCHEDULED)
        String taskScheduled();

        @WithDefault(TopicNames.SCHEDULE_TASK_CHANGED)
        String taskChanged();

        @WithDefault(TopicNames.SCHEDULE_TASK_CANCELLED)
        String taskCancelled();

        @WithDefault(TopicNames.SCHEDULE_CREW_ASSIGNMENT)
        String crewAssignments();

        /** Dead letters: records Odoo refused, with the error, for a person to fix and replay. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();

        /** One outcome per consumed record (posted / rejected / retrying) for reconciliation. */
        @WithDefault(TopicNames.INTEGRATION_SINK_OUTCOME)
        String outcomes();
    }

    interface Batch {

        /**
         * Records per Odoo call. Odoo writes about 25–41 lines/s one per call and 400–660 lines/s in batches of
         * 100–1000; beyond ~500 only latency grows.
         */
        @WithDefault("200")
        int size();

        /** How long one poll waits for records. */
        @WithDefault("PT1S")
        Duration pollTimeout();
    }

    interface Retry {

        /** First wait after a transient Odoo failure; doubles up to max-backoff while Odoo stays unavailable. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT1M")
        Duration maxBackoff();
    }

    interface Costs {

        /** Module part of the external ids the sink gives analytic lines ({@code <module>.cost_posting_<id>}). */
        @WithDefault("trestle")
        String externalIdModule();

        /**
         * Odoo analytic account (account.analytic.account id) that receives usage no reservation attributed to a
         * project. Without it such postings are refused, never booked on a guessed account.
         */
        Optional<Long> unallocatedAccountId();

        /** The cost code id the aggregator gives unallocated usage. */
        @WithDefault("UNALLOCATED")
        String unallocatedCostCode();
    }

    interface WorkOrders {

        /** Module part of the external ids the sink gives maintenance requests ({@code <module>.work_order_<id>}). */
        @WithDefault("trestle")
        String externalIdModule();

        /**
         * External id of the maintenance.stage of an open work order. Stages are named by external id because their
         * database ids differ between databases; the defaults are the stages Odoo's maintenance module installs.
         */
        @WithDefault("maintenance.stage_0")
        String openStage();

        /** External id of the stage of a work order being worked or on hold. */
        @WithDefault("maintenance.stage_1")
        String inProgressStage();

        /** External id of the stage of a closed work order; it must be a stage marked done ("Repaired"). */
        @WithDefault("maintenance.stage_3")
        String doneStage();
    }

    interface Schedule {

        /**
         * Where approved task dates and crew assignments go. AUTO asks Odoo on the first batch whether the Enterprise
         * planning module ({@code planning.slot}) is installed and uses it if so, else the tasks' own deadline,
         * allocated hours and assignees (Community).
         */
        @WithDefault("AUTO")
        PlanningTarget target();

        /** Module part of the external ids the sink gives planning slots. */
        @WithDefault("trestle")
        String externalIdModule();
    }

    enum PlanningTarget {
        AUTO,
        TASKS,
        PLANNING_SLOTS
    }

    interface Purchases {

        /**
         * res.partner id of the vendor a draft purchase order (RFQ) for parts is addressed to until a buyer picks the
         * supplier; Odoo requires one. Without it, work orders that carry parts get their maintenance request but their
         * parts are refused, never ordered from a guessed vendor.
         */
        Optional<Long> defaultVendorId();
    }
}
