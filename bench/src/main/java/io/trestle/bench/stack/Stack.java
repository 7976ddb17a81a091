package io.trestle.bench.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.trestle.bench.process.BenchHome;
import io.trestle.bench.process.ManagedProcess;
import io.trestle.bench.process.ProcStatus;

/**
 * Everything the benchmark runs besides itself: the broker, the dev registry, the Odoo stand-in and the services, on
 * free ports, with the settings the local stack gives them. Stops them in reverse order (services, stand-in, registry,
 * broker), also from a shutdown hook on Ctrl-C.
 */
public final class Stack implements AutoCloseable {

    public static final String ODOO_DATABASE = "constr";
    public static final String ODOO_LOGIN = "admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SERVICE_STOP = Duration.ofSeconds(30);
    private static final Duration INFRASTRUCTURE_STOP = Duration.ofSeconds(30);

    private final BenchHome home;
    private final JvmOptions jvm;
    private final List<ManagedProcess> started = Collections.synchronizedList(new ArrayList<>());
    private KafkaBroker broker;
    private String registryUrl;
    private String odooUrl;
    private String odooApiKey;

    /** JVM options of each kind of process, reported with the figures. */
    public record JvmOptions(List<String> broker, List<String> registry, List<String> odoo, List<String> services) {

        public static JvmOptions defaults() {
            return new JvmOptions(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"),
                    List.of("-Xmx256m"), List.of("-Xmx512m"), List.of("-Xmx512m"));
        }
    }

    public Stack(BenchHome home, JvmOptions jvm) {
        this.home = home;
        this.jvm = jvm;
    }

    public void startInfrastructure() throws IOException, InterruptedException {
        List<Integer> ports = Ports.free(4);
        broker = KafkaBroker.start(home, ports.get(0), ports.get(1), jvm.broker());
        started.add(broker.process());
        ManagedProcess registry = ManagedProcess.startJava("registry", home, jvm.registry(),
                List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                        BenchHome.classpath(home.registryLib()), "io.trestle.devregistry.DevRegistryMain", "--port",
                        ports.get(2).toString(), "--host", "127.0.0.1", "--data-dir",
                        home.state().resolve("registry").toString()),
                home.state().resolve("registry"), Map.of());
        started.add(registry);
        odooApiKey = UUID.randomUUID().toString().replace("-", "");
        ManagedProcess odoo = ManagedProcess.startJava("odoo", home, jvm.odoo(),
                List.of("-cp", BenchHome.classpath(home.odooLib()), "io.trestle.odoo.standin.OdooStandInMain",
                        "--port", ports.get(3).toString(), "--host", "127.0.0.1", "--database", ODOO_DATABASE,
                        "--admin-api-key", odooApiKey),
                home.state().resolve("odoo"), Map.of());
        started.add(odoo);
        registry.awaitLogLine("Trestle dev registry listening on", START_TIMEOUT);
        odoo.awaitLogLine("Trestle Odoo stand-in listening on", START_TIMEOUT);
        registryUrl = "http://127.0.0.1:" + ports.get(2) + "/apis/registry/v3";
        odooUrl = "http://127.0.0.1:" + ports.get(3);
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    public String registryUrl() {
        return registryUrl;
    }

    public String odooUrl() {
        return odooUrl;
    }

    public String odooApiKey() {
        return odooApiKey;
    }

    public JvmOptions jvm() {
        return jvm;
    }

    /** The equipment connector with one push client, {@code client}, that has an API key and signs its requests. */
    public ServiceProcess launchConnector(String client, String apiKey, String signingSecret) throws IOException {
        return launch("equipment-connector", Map.of(),
                Map.of("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS", client + ":" + apiKey,
                        "TRESTLE_EQUIPMENT_CONNECTOR_SIGNING_SECRETS", client + ":" + signingSecret));
    }

    /**
     * The aggregator with production settings (exactly_once_v2, 15-minute windows, 30 minutes of grace), a fresh
     * application id and state folder, and the settings the local stack adds so a stopped instance leaves its group.
     */
    public ServiceProcess launchAggregator(String applicationId, String defaultHourlyRate) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.kafka-streams.application-id", applicationId);
        properties.put("kafka-streams.state.dir", home.state().resolve("kafka-streams").toString());
        properties.put("kafka-streams.internal.leave.group.on.close", "true");
        properties.put("trestle.telemetry-aggregator.pricing.default-hourly-rate", defaultHourlyRate);
        return launch("telemetry-aggregator", properties, Map.of());
    }

    public ServiceProcess launchSink(String consumerGroup, long unallocatedAccountId) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("trestle.odoo-sink.odoo.url", odooUrl);
        properties.put("trestle.odoo-sink.odoo.database", ODOO_DATABASE);
        properties.put("trestle.odoo-sink.odoo.login", ODOO_LOGIN);
        properties.put("trestle.odoo-sink.costs.unallocated-account-id", Long.toString(unallocatedAccountId));
        properties.put("trestle.odoo-sink.consumer-group", consumerGroup);
        return launch("odoo-sink", properties, Map.of("TRESTLE_ODOO_SINK_ODOO_API_KEY", odooApiKey));
    }

    private ServiceProcess launch(String service, Map<String, String> own, Map<String, String> environment)
            throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrap());
        properties.put("quarkus.kafka-streams.bootstrap-servers", bootstrap());
        properties.put("trestle.registry.url", registryUrl);
        properties.putAll(own);
        ServiceProcess launched = ServiceProcess.launch(home, service, Ports.free(1).get(0), jvm.services(),
                properties, environment);
        started.add(launched.process());
        return launched;
    }

    /** Peak and current RSS of every process still running, in start order; then of the runner itself. */
    public Map<String, ProcStatus.Memory> memory() {
        Map<String, ProcStatus.Memory> memory = new LinkedHashMap<>();
        synchronized (started) {
            for (ManagedProcess process : started) {
                process.memory().ifPresent(usage -> memory.put(process.name(), usage));
            }
        }
        ProcStatus.memory(ProcessHandle.current().pid()).ifPresent(usage -> memory.put("bench runner", usage));
        return memory;
    }

    /** CPU seconds used so far by every process still running, and by the runner. */
    public Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        synchronized (started) {
            for (ManagedProcess process : started) {
                process.cpuSeconds().ifPresent(seconds -> cpu.put(process.name(), seconds));
            }
        }
        ProcStatus.cpuSeconds(ProcessHandle.current().pid()).ifPresent(seconds -> cpu.put("bench runner", seconds));
        return cpu;
    }

    /** Seconds the threads of every process still running, and of the runner, have waited for a CPU so far. */
    public Map<String, Double> runQueueWaitSeconds() {
        Map<String, Double> waits = new LinkedHashMap<>();
        synchronized (started) {
            for (ManagedProcess process : started) {
                process.runQueueWaitSeconds().ifPresent(seconds -> waits.put(process.name(), seconds));
            }
        }
        ProcStatus.runQueueWaitSeconds(ProcessHandle.current().pid())
                .ifPresent(seconds -> waits.put("bench runner", seconds));
        return waits;
    }

    public Path logs() {
        return home.logs();
    }

    /** Stops everything started, services first and the broker last. Safe to call twice. */
    @Override
    public void close() {
        List<ManagedProcess> reverse;
        synchronized (started) {
            reverse = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(reverse);
        for (ManagedProcess process : reverse) {
            boolean infrastructure = List.of("kafka", "registry", "odoo").contains(process.name());
            process.stop(infrastructure ? INFRASTRUCTURE_STOP : SERVICE_STOP);
        }
    }
}
