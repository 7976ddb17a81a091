package io.trestle.devregistry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a {@link DevRegistry}: port, bind host and an optional data directory. Immutable; start from
 * {@link #defaults()}.
 */
public final class DevRegistryOptions {

    private final int port;
    private final String host;
    private final Path dataDir;

    private DevRegistryOptions(int port, String host, Path dataDir) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        this.port = port;
        this.host = Objects.requireNonNull(host, "host");
        this.dataDir = dataDir;
    }

    /** An ephemeral port on 127.0.0.1, state in memory only. */
    public static DevRegistryOptions defaults() {
        return new DevRegistryOptions(0, "127.0.0.1", null);
    }

    /**
     * @param port
     *            0 for an ephemeral port
     */
    public DevRegistryOptions withPort(int port) {
        return new DevRegistryOptions(port, host, dataDir);
    }

    /**
     * @param host
     *            the address to bind, e.g. {@code 0.0.0.0} to accept connections from other machines
     */
    public DevRegistryOptions withHost(String host) {
        return new DevRegistryOptions(port, host, dataDir);
    }

    /** Keeps the state in this directory, so it survives a restart (ids included). */
    public DevRegistryOptions withDataDir(Path dataDir) {
        return new DevRegistryOptions(port, host, Objects.requireNonNull(dataDir, "dataDir"));
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }
}
