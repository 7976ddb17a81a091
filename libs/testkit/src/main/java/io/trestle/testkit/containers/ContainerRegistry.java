package io.trestle.testkit.containers;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import io.trestle.testkit.registry.SchemaRegistry;

/**
 * The real Apicurio Registry in a container with in-memory storage, by default {@value #DEFAULT_IMAGE}
 * ({@value #IMAGE_PROPERTY} overrides it).
 */
public final class ContainerRegistry implements SchemaRegistry, AutoCloseable {

    public static final String IMAGE_PROPERTY = "trestle.registry.image";
    public static final String DEFAULT_IMAGE = "apicurio/apicurio-registry:3.3.3";

    private static final int PORT = 8080;

    private final GenericContainer<?> container;

    private ContainerRegistry(GenericContainer<?> container) {
        this.container = container;
    }

    public static ContainerRegistry start() {
        DockerAvailability.require("A container registry was asked for");
        GenericContainer<?> container = new GenericContainer<>(
                DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)))
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/apis/registry/v3/system/info").forPort(PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return new ContainerRegistry(container);
    }

    @Override
    public String apicurioUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    @Override
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        container.stop();
    }

    private String baseUrl() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(PORT);
    }
}
