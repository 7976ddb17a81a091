package io.trestle.telemetry.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's partitions of a named store, read-only. */
public interface LocalStores {

    /**
     * @throws StoreUnavailable
     *             while the store is not queryable here (starting, rebalancing, migrated)
     */
    <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name);
}
