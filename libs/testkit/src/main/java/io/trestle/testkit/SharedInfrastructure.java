package io.trestle.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.trestle.testkit.containers.ContainerKafka;
import io.trestle.testkit.containers.ContainerPostgres;
import io.trestle.testkit.containers.ContainerRegistry;
import io.trestle.testkit.kafka.LocalKafka;
import io.trestle.testkit.postgres.LocalPostgres;
import io.trestle.testkit.postgres.PostgresServer;
import io.trestle.testkit.registry.LocalRegistry;

/**
 * The servers shared by every test of one JVM, started on first demand and stopped once at the end.
 * <p>
 * Quarkus loads {@code @QuarkusTest} classes and test resources in class loaders of their own, one per application it
 * starts, and closes them afterwards. Static state in such a loader would start a second broker, and a broker started
 * from a closed loader breaks as soon as it needs a class it has not loaded yet. So every copy of this class delegates
 * to the copy in the system class loader, which lives as long as the JVM, and only Strings and Maps of Strings cross
 * between the copies.
 */
final class SharedInfrastructure {

    enum Service {
        KAFKA,
        REGISTRY,
        POSTGRES
    }

    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String APICURIO_URL = "apicurio.url";
    static final String CCOMPAT_URL = "ccompat.url";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    private static final Class<?> HOME = home();

    // State below is only used in the HOME copy of this class.
    private static final Map<Service, AutoCloseable> servers = new EnumMap<>(Service.class);
    private static final Map<Service, Map<String, String>> endpoints = new EnumMap<>(Service.class);
    private static final List<Service> startOrder = new ArrayList<>();
    private static PostgresServer postgres;
    private static Thread stopAtExit;
    private static boolean retainedUntilJvmExit;

    private SharedInfrastructure() {
    }

    /** Starts the service unless it runs already, and says how to reach it. */
    @SuppressWarnings("unchecked")
    static Map<String, String> endpoint(Service service) {
        return (Map<String, String>) delegate("startShared", service.name());
    }

    static void createDatabase(String name) {
        delegate("createDatabaseOnShared", name);
    }

    /**
     * Called when the test run ends: stops every shared server unless a Quarkus application uses them, in which case
     * the JVM shutdown hook stops them after Quarkus has closed the application and its Kafka clients.
     */
    static void release() {
        delegate("releaseShared");
    }

    /** Keeps the servers until the JVM exits, for clients that are closed only after the test run has ended. */
    static void retainUntilJvmExit() {
        delegate("retainShared");
    }

    private static Object delegate(String method, String... arguments) {
        Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, String.class);
        Thread thread = Thread.currentThread();
        ClassLoader callerContext = thread.getContextClassLoader();
        // Kafka loads plugin classes through the context class loader, and the threads a server starts inherit it: both
        // must see the system class loader's classes, not those of a Quarkus loader that the caller may run in.
        thread.setContextClassLoader(HOME.getClassLoader());
        try {
            Method target = HOME.getDeclaredMethod(method, types);
            target.setAccessible(true);
            return target.invoke(null, (Object[]) arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot reach the shared test infrastructure", e);
        } finally {
            thread.setContextClassLoader(callerContext);
        }
    }

    private static Class<?> home() {
        try {
            return Class.forName(SharedInfrastructure.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // A launcher that keeps the testkit off the system class path: share within this class loader.
            return SharedInfrastructure.class;
        }
    }

    private static synchronized Map<String, String> startShared(String serviceName) {
        Service service = Service.valueOf(serviceName);
        Map<String, String> known = endpoints.get(service);
        if (known != null) {
            return known;
        }
        if (stopAtExit == null) {
            stopAtExit = new Thread(SharedInfrastructure::stopShared, "trestle-infrastructure-stop");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
        boolean containers = InfrastructureMode.current() == InfrastructureMode.CONTAINERS;
        Map<String, String> endpoint = switch (service) {
            case KAFKA -> startKafka(containers);
            case REGISTRY -> startRegistry(containers);
            case POSTGRES -> startPostgres(containers);
        };
        endpoints.put(service, endpoint);
        startOrder.add(service);
        return endpoint;
    }

    private static Map<String, String> startKafka(boolean containers) {
        if (containers) {
            ContainerKafka kafka = ContainerKafka.start();
            servers.put(Service.KAFKA, kafka);
            return Map.of(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        }
        LocalKafka kafka = LocalKafka.start();
        servers.put(Service.KAFKA, kafka);
        return Map.of(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    }

    private static Map<String, String> startRegistry(boolean containers) {
        if (containers) {
            ContainerRegistry registry = ContainerRegistry.start();
            servers.put(Service.REGISTRY, registry);
            return Map.of(APICURIO_URL, registry.apicurioUrl(), CCOMPAT_URL, registry.ccompatUrl());
        }
        LocalRegistry registry = LocalRegistry.start();
        servers.put(Service.REGISTRY, registry);
        return Map.of(APICURIO_URL, registry.apicurioUrl(), CCOMPAT_URL, registry.ccompatUrl());
    }

    private static Map<String, String> startPostgres(boolean containers) {
        if (containers) {
            ContainerPostgres container = ContainerPostgres.start();
            servers.put(Service.POSTGRES, container);
            postgres = container;
        } else {
            LocalPostgres local = LocalPostgres.start();
            servers.put(Service.POSTGRES, local);
            postgres = local;
        }
        return Map.of(HOST, postgres.host(), PORT, String.valueOf(postgres.port()), USERNAME, postgres.username(),
                PASSWORD, postgres.password());
    }

    private static synchronized void createDatabaseOnShared(String name) {
        if (postgres == null) {
            throw new IllegalStateException("The shared PostgreSQL is not running");
        }
        postgres.createDatabase(name);
    }

    private static synchronized void retainShared() {
        retainedUntilJvmExit = true;
    }

    private static synchronized void releaseShared() {
        if (!retainedUntilJvmExit) {
            stopShared();
        }
    }

    private static synchronized void stopShared() {
        if (stopAtExit != null && Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook may run too and will find nothing left to stop.
            }
        }
        stopAtExit = null;
        RuntimeException failure = null;
        for (int i = startOrder.size() - 1; i >= 0; i--) {
            try {
                servers.get(startOrder.get(i)).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not stop the shared test infrastructure cleanly");
                }
                failure.addSuppressed(e);
            }
        }
        servers.clear();
        endpoints.clear();
        startOrder.clear();
        postgres = null;
        if (failure != null) {
            throw failure;
        }
    }
}
