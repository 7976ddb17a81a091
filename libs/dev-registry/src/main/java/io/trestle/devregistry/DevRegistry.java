package io.trestle.devregistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.trestle.devregistry.http.RegistryHttpServer;
import io.trestle.devregistry.store.RegistryStore;
import io.trestle.devregistry.store.SnapshotFile;

/**
 * A small schema registry that speaks the Apicurio Registry 3.3.3 v3 API (the part the Apicurio serdes use) and its
 * Confluent-compatible ccompat v7 API, for tests and the local stack.
 *
 * <pre>{@code
 * try (DevRegistry registry = DevRegistry.start(0)) {
 *     config.put("apicurio.registry.url", registry.apicurioUrl());
 *     ...
 * }
 * }</pre>
 */
public final class DevRegistry implements AutoCloseable {

    private final RegistryHttpServer server;
    private final String urlHost;

    private DevRegistry(RegistryHttpServer server, String urlHost) {
        this.server = server;
        this.urlHost = urlHost;
    }

    /** Starts on 127.0.0.1, state in memory. @param port 0 for an ephemeral port */
    public static DevRegistry start(int port) {
        return start(DevRegistryOptions.defaults().withPort(port));
    }

    /** Starts on the given bind host, state in memory. @param port 0 for an ephemeral port */
    public static DevRegistry start(String host, int port) {
        return start(DevRegistryOptions.defaults().withHost(host).withPort(port));
    }

    public static DevRegistry start(DevRegistryOptions options) {
        RegistryStore store = options.dataDir().map(dir -> RegistryStore.persistent(new SnapshotFile(dir)))
                .orElseGet(RegistryStore::inMemory);
        try {
            RegistryHttpServer server = RegistryHttpServer.start(options.host(), options.port(), store);
            return new DevRegistry(server, urlHost(options.host()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start the dev registry on " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code http://<host>:<port>}; a wildcard bind address is reached through 127.0.0.1. */
    public String baseUrl() {
        return "http://" + urlHost + ":" + port();
    }

    /** The value for {@code apicurio.registry.url}. */
    public String apicurioUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** The base URL for Confluent-compatible clients ({@code schema.registry.url}). */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        server.close();
    }

    private static String urlHost(String bindHost) {
        try {
            InetAddress address = InetAddress.getByName(bindHost);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
            String literal = address.getHostAddress();
            return literal.contains(":") ? "[" + literal + "]" : literal;
        } catch (UnknownHostException e) {
            return bindHost;
        }
    }
}
