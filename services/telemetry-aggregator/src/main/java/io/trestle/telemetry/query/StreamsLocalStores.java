package io.trestle.telemetry.query;

import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The running Kafka Streams instance's local stores: its active partitions only, never stale standby copies. */
@ApplicationScoped
public class StreamsLocalStores implements LocalStores {

    private final KafkaStreams streams;

    @Inject
    public StreamsLocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name, OptionalInt partition) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailable("This instance is " + streams.state() + ", not RUNNING; its stores are not "
                    + "queryable yet.");
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query = StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore());
        try {
            return streams.store(partition.isPresent() ? query.withPartition(partition.getAsInt()) : query);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailable("Store " + name + (partition.isPresent()
                    ? " partition " + partition.getAsInt()
                    : "") + " is not queryable on this instance right now (rebalancing, restoring or migrating).", e);
        }
    }
}
