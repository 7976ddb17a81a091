package io.trestle.equipment.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.rest.ApiKeys;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the equipment connector; every value can be set through environment variables. */
@ConfigMapping(prefix = "trestle.equipment-connector")
public interface EquipmentConnectorConfig {

    /**
     * API keys of the push clients as comma-separated {@code client:key} entries
     * ({@code TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS=local-demo:local-demo-key,acme:s3cr3t}), parsed and checked by
     * {@link ApiKeys}. A list rather than a map by client name, because environment variable names cannot carry client
     * names like {@code local-demo} through SmallRye's name mapping. The client name becomes the event's source system
     * ({@code push:<client>}). No keys configured means every push request is refused.
     */
    Optional<List<String>> apiKeys();

    /**
     * Roles of API-key clients as comma-separated {@code client:role} entries ({@code read} or {@code write}, which
     * includes read), parsed and checked by {@link io.trestle.rest.ApiKeyRoles}; clients not listed have {@code write}.
     * E.g. {@code dashboard:read} for a client that may only query and dry-run.
     */
    Optional<List<String>> apiKeyRoles();

    /**
     * Signing secrets of the push clients that sign their requests, as comma-separated {@code client:secret} entries
     * ({@code TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS=acme:<secret>}), parsed and checked by
     * {@link io.trestle.rest.RequestSignatures}; a list for the same reason as {@link #apiKeys()}. A client listed here
     * must send {@code X-Trestle-Timestamp} and {@code X-Trestle-Signature} besides its API key; a client listed twice
     * may sign with either secret, for rotation. Clients not listed authenticate by API key alone.
     */
    Optional<List<String>> signingSecrets();

    /**
     * How far a signed request's {@code X-Trestle-Timestamp} may lie from the connector's clock, either way; older
     * requests are refused, so a captured one cannot be replayed later.
     */
    @WithDefault("PT5M")
    Duration signatureTolerance();

    Topics topics();

    Ingest ingest();

    /**
     * ISO 15143-3 (AEMP 2.0) vendor APIs polled for fleet snapshots, by vendor name
     * ({@code trestle.equipment-connector.vendors.<name>.base-url}). None configured means nothing is polled.
     */
    Map<String, Vendor> vendors();

    interface Topics {

        /** The compacted crosswalk the polled vendors' machines are resolved through (read, never written). */
        @WithDefault(TopicNames.MASTER_CROSSWALK)
        String crosswalk();

        /** Canonical telemetry events, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)
        String telemetry();

        /** Faults and breakdowns, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_FAULT)
        String faults();

        /** Maintenance work orders, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_WORK_ORDER)
        String workOrders();

        /** Equipment reservations, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_RESERVATION)
        String reservations();

        /** Availability changes, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_AVAILABILITY)
        String availability();

        /** Polled readings refused (unknown machine, impossible value), kept with their reason for replay. */
        @WithDefault(TopicNames.INTEGRATION_QUARANTINE)
        String quarantine();

        /**
         * The pollers' own state, compacted: per vendor, asset and data element the latest reading time published, so a
         * restart neither republishes the snapshot nor leaves the time it was down unfilled. Created when missing.
         */
        @WithDefault("trestle.internal.equipment-connector.poll-positions")
        String pollPositions();
    }

    interface Ingest {

        /** Largest number of readings or items accepted in one request; larger batches are refused whole. */
        @WithDefault("1000")
        int maxBatchSize();

        /**
         * Most readings handed to Kafka and not yet acknowledged, over all requests; a batch that does not fit is
         * refused with 503 and {@code Retry-After}. At least {@link #maxBatchSize()}, so a full batch can ever fit.
         * Every other push channel (faults, work orders, …) has a limit of this size of its own.
         */
        @WithDefault("8192")
        int maxInFlightReadings();

        /** How far in the future a reading time may lie before it is treated as a clock error of the device. */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /** How long a request waits for the broker to acknowledge its readings before answering 503. */
        @WithDefault("PT30S")
        Duration publishTimeout();
    }

    interface Vendor {

        /** How the connector authenticates to a vendor API. */
        enum Auth {
            NONE,
            /** HTTP basic with {@code username} and {@code password}. */
            BASIC,
            /** The {@code api-key} in the header named {@code api-key-header}. */
            API_KEY,
            /** A bearer token fetched from {@code token-url} with {@code client-id} and {@code client-secret}. */
            OAUTH2_CLIENT_CREDENTIALS
        }

        @WithDefault("true")
        boolean enabled();

        /** The API root the {@code Fleet} resources lie under, e.g. {@code https://aemp.vendor.example/fleet-42/}. */
        URI baseUrl();

        /** The crosswalk system the vendor's machine ids are mapped under; {@code aemp:<name>} when absent. */
        Optional<String> system();

        @WithDefault("NONE")
        Auth auth();

        Optional<String> username();

        Optional<String> password();

        Optional<String> apiKeyHeader();

        Optional<String> apiKey();

        Optional<URI> tokenUrl();

        Optional<String> clientId();

        Optional<String> clientSecret();

        /** Time between the end of one polling cycle and the start of the next. */
        @WithDefault("PT15M")
        Duration interval();

        /**
         * The vendor's request budget: the least time between two requests for the same URL. A cycle that would break
         * it waits for the next one.
         */
        @WithDefault("PT15M")
        Duration minRequestSpacing();

        /** How long one request may take, connecting included. */
        @WithDefault("PT30S")
        Duration requestTimeout();

        /**
         * Records per fleet page to ask for, sent as {@link #pageSizeParameter()} on the first page only: vendors carry
         * it over into their {@code next} links themselves. Absent: the vendor's own page size.
         */
        Optional<Integer> pageSize();

        @WithDefault("pageSize")
        String pageSizeParameter();

        /**
         * A single machine's snapshot, relative to {@link #baseUrl()}; {@code {id}} is the PIN, else the vendor's
         * EquipmentID.
         */
        @WithDefault("Fleet/Equipment/{id}")
        String equipmentPath();

        /**
         * A page of a machine's time series, relative to {@link #baseUrl()}: {@code {id}} as for
         * {@link #equipmentPath()}, {@code {element}} one of {@link #backfillElements()}, {@code {start}} and
         * {@code {end}} as {@code yyyy-MM-dd'T'HH:mm:ss} UTC, {@code {page}} from 1.
         */
        @WithDefault("Fleet/Equipment/{id}/{element}/{start}/{end}/{page}")
        String timeSeriesPath();

        /**
         * When a machine's snapshot reading of a cumulative element lies further than this beyond the last one
         * published, the readings in between are fetched from the element's time series and published first.
         */
        @WithDefault("PT1H")
        Duration backfillAfter();

        /** How far back a back-fill reaches at most; an older gap stays partly unfilled, with a warning. */
        @WithDefault("P7D")
        Duration backfillMax();

        /**
         * The time-series resources back-filled, as the vendor names them in {@link #timeSeriesPath()}: any of
         * {@code CumulativeOperatingHours}, {@code CumulativeIdleHours} ({@code CumulativeIdleOperatingHours}),
         * {@code FuelUsed} ({@code CumulativeFuelUsed}).
         */
        @WithDefault("CumulativeOperatingHours,CumulativeIdleHours,FuelUsed")
        List<String> backfillElements();
    }
}
