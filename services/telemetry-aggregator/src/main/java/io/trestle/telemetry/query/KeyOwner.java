package io.trestle.telemetry.query;

import java.net.URI;
import java.util.OptionalInt;

/** Which instance holds a key's partition of a store, or one of the instances a store is spread over. */
public sealed interface KeyOwner permits KeyOwner.Local, KeyOwner.Remote {

    /**
     * This instance: read its local store.
     *
     * @param partition
     *            the key's partition, read alone so that a partition not active here fails instead of being absent from
     *            the answer; empty for every partition active here (scatter-gather)
     */
    record Local(OptionalInt partition) implements KeyOwner {

        public static Local ofPartition(int partition) {
            return new Local(OptionalInt.of(partition));
        }

        public static Local allPartitions() {
            return new Local(OptionalInt.empty());
        }
    }

    /**
     * Another instance, reached over HTTP.
     *
     * @param baseUri
     *            e.g. {@code http://10.0.3.7:8083}, from the instance's {@code application.server}
     */
    record Remote(URI baseUri) implements KeyOwner {
    }
}
