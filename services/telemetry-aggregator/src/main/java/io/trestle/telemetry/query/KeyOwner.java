package io.trestle.telemetry.query;

import java.net.URI;

/** Which instance holds a key's partition of a store, or one of the instances a store is spread over. */
public sealed interface KeyOwner permits KeyOwner.Local, KeyOwner.Remote {

    /** This instance: read its local store. */
    record Local() implements KeyOwner {
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
