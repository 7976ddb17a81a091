package io.trestle.testkit.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.trestle.devregistry.DevRegistry;

/**
 * The Trestle dev registry (an in-process stand-in for Apicurio Registry 3) on an ephemeral port.
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.start()) {
 *     config.put("apicurio.registry.url", registry.apicurioUrl());
 * }
 * }</pre>
 */
public final class LocalRegistry implements SchemaRegistry, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

    private final DevRegistry registry;

    private LocalRegistry(DevRegistry registry) {
        this.registry = registry;
    }

    public static LocalRegistry start() {
        long started = System.nanoTime();
        LocalRegistry registry = new LocalRegistry(DevRegistry.start(0));
        LOG.info("Dev registry ready at {} in {} ms", registry.registry.baseUrl(),
                (System.nanoTime() - started) / 1_000_000);
        return registry;
    }

    @Override
    public String apicurioUrl() {
        return registry.apicurioUrl();
    }

    @Override
    public String ccompatUrl() {
        return registry.ccompatUrl();
    }

    @Override
    public void close() {
        registry.close();
    }
}
