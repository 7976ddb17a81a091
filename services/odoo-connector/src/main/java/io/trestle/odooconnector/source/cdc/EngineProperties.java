package io.trestle.odooconnector.source.cdc;

import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.debezium.connector.postgresql.PostgresConnector;
import io.trestle.kafka.KafkaConnection;
import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.source.OdooModel;

/** The Debezium embedded engine's configuration for capturing Odoo's tables. */
final class EngineProperties {

    private EngineProperties() {
    }

    /**
     * Debezium never writes to a topic here, but names events after this prefix and keys its offsets with it. It is the
     * slot name: an offset is a position in one slot's stream and means nothing for another slot.
     */
    static String topicPrefix(ConnectorConfig.Cdc cdc) {
        return cdc.slot();
    }

    static String transactionTopic(ConnectorConfig.Cdc cdc) {
        return topicPrefix(cdc) + ".transaction";
    }

    static String dataTopic(ConnectorConfig.Cdc cdc, OdooModel model) {
        return topicPrefix(cdc) + "." + CapturedColumns.qualified(model);
    }

    static Properties of(ConnectorConfig config, PostgresTarget target, CapturedColumns columns,
            KafkaConnection kafka) {
        ConnectorConfig.Cdc cdc = config.cdc();
        Properties properties = new Properties();
        properties.setProperty("name", "trestle-odoo-connector");
        properties.setProperty("connector.class", PostgresConnector.class.getName());
        properties.setProperty("topic.prefix", topicPrefix(cdc));

        properties.setProperty("database.hostname", target.host());
        properties.setProperty("database.port", String.valueOf(target.port()));
        properties.setProperty("database.dbname", target.database());
        properties.setProperty("database.user", target.user());
        properties.setProperty("database.password", target.password());

        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", cdc.slot());
        properties.setProperty("publication.name", cdc.publication());
        // DatabaseCheck creates or completes the publication with the rights it checked.
        properties.setProperty("publication.autocreate.mode", "disabled");
        properties.setProperty("table.include.list",
                Stream.of(OdooModel.values()).map(CapturedColumns::qualified).map(EngineProperties::regex)
                        .collect(Collectors.joining(",")));
        properties.setProperty("column.include.list", Stream.of(OdooModel.values())
                .map(model -> regex(CapturedColumns.qualified(model)) + "\\.(" + String.join("|", columns.of(model))
                        + ")")
                .collect(Collectors.joining(",")));

        properties.setProperty("snapshot.mode", "initial");
        // A slot ahead of the stored position was recreated or moved by someone else: changes in between are lost,
        // so fail and say so rather than stream on.
        properties.setProperty("offset.mismatch.strategy", "trust_offset");
        properties.setProperty("provide.transaction.metadata", "true");
        properties.setProperty("heartbeat.interval.ms", String.valueOf(cdc.heartbeat().toMillis()));
        /*
         * A heartbeat alone repeats the position of the last captured change, so while Odoo writes only to other tables
         * (or other databases write) the slot would hold on to all their WAL. A logical decoding message is a change
         * of its own in this database's stream: handing it over moves the position, and the slot frees the WAL behind
         * it. Non-transactional, so it needs no table and no write right.
         */
        properties.setProperty("heartbeat.action.query",
                "SELECT pg_logical_emit_message(false, 'trestle-heartbeat', '')");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("decimal.handling.mode", "double");
        properties.setProperty("unavailable.value.placeholder", RowMapper.UNAVAILABLE);

        properties.setProperty("offset.storage", PositionsStore.class.getName());
        // Kafka Connect's offset store takes its clients' settings, security included, from the top level.
        kafka.clientConfig().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        properties.setProperty("offset.storage.topic", config.topics().positions());
        properties.setProperty("offset.storage.partitions", "1");
        // The broker's default.replication.factor, so a production cluster gets its usual durability.
        properties.setProperty("offset.storage.replication.factor", "-1");
        return properties;
    }

    private static String regex(String qualifiedName) {
        return qualifiedName.replace(".", "\\.");
    }
}
