package io.trestle.equipment.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trestle.schema.topic.TopicNames;

/** Typed configuration of the equipment connector; every value can be set through environment variables. */
@ConfigMapping(prefix = "trestle.equipment-connector")
public interface EquipmentConnectorConfig {

    /**
     * API keys of the push clients, by client name ({@code trestle.equipment-connector.api-keys.<client>=<key>}). The
     * client name becomes the event's source system ({@code push:<client>}). No keys configured means every push
     * request is refused.
     */
    Map<String, String> apiKeys();

    Topics topics();

    Ingest ingest();

    interface Topics {

        /** Canonical telemetry events, keyed by asset id. */
        @WithDefault(TopicNames.EQUIPMENT_TELEMETRY)
        String telemetry();
    }

    interface Ingest {

        /** Largest number of readings accepted in one request; larger batches are refused whole. */
        @WithDefault("1000")
        int maxBatchSize();

        /** How far in the future a reading time may lie before it is treated as a clock error of the device. */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /** How long a request waits for the broker to acknowledge its readings before answering 503. */
        @WithDefault("PT30S")
        Duration publishTimeout();
    }
}
