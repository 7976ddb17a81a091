package io.trestle.telemetry.query;

import java.util.List;

/** Where the partitions of a store live across the application's instances. */
public interface InstanceDirectory {

    /**
     * The instance holding the partition of {@code partitionKey}: the key the store's input topic is partitioned by
     * (asset id for the utilization stores, project id for the cost store), not necessarily the store's own key.
     *
     * @throws StoreUnavailable
     *             while this instance is not running or the partition has no active owner (rebalancing)
     */
    KeyOwner ownerOf(String store, String partitionKey);

    /**
     * Every instance holding active partitions of {@code store}, this one included if it does.
     *
     * @throws StoreUnavailable
     *             while this instance is not running
     */
    List<KeyOwner> instancesOf(String store);
}
