package io.trestle.odooconnector.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.odoo.client.OdooProtocol;
import io.trestle.schema.topic.TopicNames;

/**
 * Typed configuration of the Odoo connector; production sets it through environment variables. The settings of the mode
 * not in use may stay empty; the settings of the mode in use are checked at start.
 */
@ConfigMapping(prefix = "trestle.odoo-connector")
public interface ConnectorConfig {

    /** CDC reads Odoo's PostgreSQL (self-hosted Odoo); POLLING reads Odoo's API (hosted Odoo, no database access). */
    @WithDefault("POLLING")
    Mode mode();

    /** Language whose text translatable names (Odoo's jsonb {@code {"en_US": …}}) are published in. */
    @WithDefault("en_US")
    String language();

    Topics topics();

    Cdc cdc();

    Polling polling();

    Odoo odoo();

    Rates rates();

    /**
     * Clients of the crosswalk API as comma-separated {@code client:key} entries; without any, every request is refused
     * with 401.
     */
    Optional<List<String>> apiKeys();

    /**
     * Roles of API-key clients as comma-separated {@code client:role} entries ({@code read} or {@code write}, which
     * includes read), parsed and checked by {@link io.trestle.rest.ApiKeyRoles}; clients not listed have {@code write}.
     * E.g. {@code dashboard:read} for a client that may only query and dry-run.
     */
    Optional<List<String>> apiKeyRoles();

    enum Mode {
        CDC,
        POLLING
    }

    interface Topics {

        @WithDefault(TopicNames.MASTER_PROJECT)
        String projects();

        @WithDefault(TopicNames.MASTER_PROJECT_TASK)
        String tasks();

        @WithDefault(TopicNames.MASTER_COST_CODE)
        String costCodes();

        @WithDefault(TopicNames.MASTER_EQUIPMENT_ASSET)
        String equipment();

        @WithDefault(TopicNames.MASTER_CROSSWALK)
        String crosswalk();

        /** Compacted topic of the connector's own positions: Debezium offsets in CDC mode, cursors in polling mode. */
        @WithDefault("trestle.internal.odoo-connector.positions")
        String positions();
    }

    /** Change-data-capture on Odoo's PostgreSQL ({@code wal_level=logical}, pgoutput). */
    interface Cdc {

        Optional<String> host();

        @WithDefault("5432")
        int port();

        Optional<String> database();

        /** A user with REPLICATION and SELECT on the captured tables. */
        Optional<String> user();

        /** From a secret, never logged. */
        Optional<String> password();

        /** Replication slot, created at first start and reused after. */
        @WithDefault("trestle_odoo_connector")
        String slot();

        /** Publication of the captured tables, created at first start when missing. */
        @WithDefault("trestle_odoo_connector")
        String publication();

        /** How often an idle database is told that the connector has caught up, so WAL does not pile up. */
        @WithDefault("PT30S")
        Duration heartbeat();
    }

    /** Reading Odoo's API on a {@code write_date, id} cursor. */
    interface Polling {

        @WithDefault("PT1M")
        Duration interval();

        /** Records per {@code search_read}; Odoo answers a page of 200 in well under a second. */
        @WithDefault("200")
        int pageSize();

        /** How often all ids are compared with what was published, to find deleted records. */
        @WithDefault("PT1H")
        Duration reconciliation();

        /**
         * The largest share of a model's known records one reconciliation may report deleted. More looks like lost
         * access (an API user whose record rules changed) rather than deletions, so the connector refuses and reports
         * it instead of tombstoning the master data; 1.0 turns the guard off. Models with fewer than 20 known records
         * are not guarded.
         */
        @WithDefault("0.5")
        double maxDeletionShare();
    }

    /** The Odoo API (polling mode). */
    interface Odoo {

        Optional<URI> url();

        Optional<String> database();

        Optional<String> login();

        /** From a secret, never logged. */
        Optional<String> apiKey();

        @WithDefault("AUTO")
        OdooProtocol protocol();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration readTimeout();
    }

    /**
     * Odoo has no standard hourly cost on equipment. The rate comes from a custom field of maintenance.equipment (e.g.
     * {@code x_hourly_rate}) when one is named; without it the published assets carry no rates.
     */
    interface Rates {

        Optional<String> equipmentField();

        /** ISO 4217 currency of the rate field. */
        @WithDefault("EUR")
        String currency();
    }
}
