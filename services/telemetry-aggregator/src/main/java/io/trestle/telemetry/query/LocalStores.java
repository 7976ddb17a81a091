package io.trestle.telemetry.query;

import java.util.OptionalInt;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's partitions of a named store, read-only. */
public interface LocalStores {

    /**
     * @param partition
     *            one partition, or every partition active here
     * @throws StoreUnavailable
     *             while the store (or that partition of it) is not queryable here (starting, restoring, migrated)
     */
    <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name, OptionalInt partition);
}
