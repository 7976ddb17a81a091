package io.trestle.telemetry.query;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka Streams' own metadata: every instance advertises its {@code application.server} (host:port of its HTTP API),
 * and the partition of a key is found with the same partitioner the topics were written with.
 */
@ApplicationScoped
public class StreamsInstanceDirectory implements InstanceDirectory {

    private final KafkaStreams streams;
    private final HostInfo self;

    @Inject
    public StreamsInstanceDirectory(KafkaStreams streams,
            @ConfigProperty(name = "kafka-streams.application.server") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
    }

    @Override
    public KeyOwner ownerOf(String store, String partitionKey) {
        requireRunning();
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, partitionKey, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new StoreUnavailable("No instance holds the partition of '" + partitionKey + "' in store " + store
                    + " right now (rebalancing).");
        }
        return metadata.activeHost().equals(self)
                ? KeyOwner.Local.ofPartition(metadata.partition())
                : remote(metadata.activeHost());
    }

    @Override
    public List<KeyOwner> instancesOf(String store) {
        requireRunning();
        return streams.streamsMetadataForStore(store).stream()
                // Only active partitions: a standby copy may lag, and every partition has exactly one active owner.
                .filter(instance -> instance.stateStoreNames().contains(store))
                .map(instance -> instance.hostInfo().equals(self)
                        ? KeyOwner.Local.allPartitions()
                        : remote(instance.hostInfo()))
                .toList();
    }

    private static KeyOwner remote(HostInfo host) {
        return new KeyOwner.Remote(URI.create("http://" + host.host() + ":" + host.port()));
    }

    private void requireRunning() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailable("This instance is " + streams.state() + ", not RUNNING; where each key lives "
                    + "is not settled yet.");
        }
    }
}
