package io.trestle.equipment.config;

import java.time.Duration;
import java.util.List;
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

    Topics topics();

    Ingest ingest();

    interface Topics {

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
}
