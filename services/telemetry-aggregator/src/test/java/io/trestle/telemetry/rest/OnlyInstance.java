package io.trestle.telemetry.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.trestle.telemetry.domain.AssetDay;
import io.trestle.telemetry.domain.DayUtilization;
import io.trestle.telemetry.domain.LineCost;
import io.trestle.telemetry.domain.LineHours;
import io.trestle.telemetry.domain.ProjectDayCost;
import io.trestle.telemetry.query.InstanceDirectory;
import io.trestle.telemetry.query.KeyOwner;
import io.trestle.telemetry.query.LocalStores;
import io.trestle.telemetry.query.MapStore;
import io.trestle.telemetry.query.StoreUnavailable;
import io.trestle.telemetry.topology.AnalyticsKeys;
import io.trestle.telemetry.topology.UsageTopology;

/**
 * Stands in for Kafka Streams in the resource tests: the only instance, holding every key except asset
 * {@value #MOVING}, whose partition is between instances, and asset {@value #MIGRATING}, whose partition moves away
 * while it is read, in stores holding what the topology would have stored for two machines on project 42 on 2026-11-20
 * (reading the real stores is {@code AnalyticsReadsTest}'s).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class OnlyInstance implements LocalStores, InstanceDirectory {

    static final String MOVING = "EX-MOVING";
    static final String MIGRATING = "EX-MIGRATING";
    private static final int MIGRATING_PARTITION = 7;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final String WINDOW = "1795161600000";

    private final Map<String, ReadOnlyKeyValueStore<String, ?>> stores = Map.of(
            UsageTopology.UTILIZATION_STORE, new MapStore<AssetDay>()
                    .with(AnalyticsKeys.assetDay("EX-1", DAY),
                            AssetDay.EMPTY.with(WINDOW + "|42|100", new LineHours(0, 0.1, 0.01))),
            UsageTopology.DAILY_UTILIZATION_STORE, new MapStore<DayUtilization>()
                    .with(AnalyticsKeys.dayAsset(DAY, "EX-1"),
                            new DayUtilization("EX-1", DAY.toString(), 0.1, 0.01, 24, 0.1 / 24))
                    .with(AnalyticsKeys.dayAsset(DAY, "EX-2"),
                            new DayUtilization("EX-2", DAY.toString(), 0.1, 0.05, 24, 0.1 / 24)),
            UsageTopology.PROJECT_COST_STORE, new MapStore<ProjectDayCost>()
                    .with(AnalyticsKeys.projectDayCostCode("42", DAY, "100"), ProjectDayCost.empty("EUR")
                            .with("EX-1|" + WINDOW, new LineCost(1, 0.1, 0.01, new BigDecimal("8.00"))))
                    .with(AnalyticsKeys.projectDayCostCode("42", DAY, "200"), ProjectDayCost.empty("EUR")
                            .with("EX-2|" + WINDOW, new LineCost(0, 0.1, 0.05, new BigDecimal("8.00")))));

    @Override
    @SuppressWarnings("unchecked")
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name, OptionalInt partition) {
        if (partition.equals(OptionalInt.of(MIGRATING_PARTITION))) {
            return migratingAway(name);
        }
        return (ReadOnlyKeyValueStore<String, V>) stores.get(name);
    }

    @Override
    public KeyOwner ownerOf(String store, String partitionKey) {
        if (MOVING.equals(partitionKey)) {
            throw new StoreUnavailable("No instance holds the partition of '" + MOVING + "' right now.");
        }
        if (MIGRATING.equals(partitionKey)) {
            return KeyOwner.Local.ofPartition(MIGRATING_PARTITION);
        }
        return KeyOwner.Local.ofPartition(0);
    }

    @Override
    public List<KeyOwner> instancesOf(String store) {
        return List.of(KeyOwner.Local.allPartitions());
    }

    /** What Kafka Streams' store does when its partition is revoked between obtaining it and reading it. */
    private static <V> ReadOnlyKeyValueStore<String, V> migratingAway(String name) {
        return new ReadOnlyKeyValueStore<>() {

            @Override
            public V get(String key) {
                throw migrated();
            }

            @Override
            public KeyValueIterator<String, V> range(String from, String to) {
                throw migrated();
            }

            @Override
            public KeyValueIterator<String, V> all() {
                throw migrated();
            }

            @Override
            public long approximateNumEntries() {
                throw migrated();
            }

            private InvalidStateStoreException migrated() {
                return new InvalidStateStoreException("The state store, " + name + ", may have migrated to another "
                        + "instance.");
            }
        };
    }
}
