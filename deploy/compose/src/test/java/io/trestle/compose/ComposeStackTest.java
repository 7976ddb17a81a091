package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.trestle.odooconnector.config.ConnectorConfig;
import io.trestle.odooconnector.config.ModeSettings;
import io.trestle.odooconnector.source.OdooModel;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.rest.ApiKeys;

/**
 * The infrastructure around the services and the settings that have to agree across containers: Kafka, registry,
 * PostgreSQL configured for logical replication, Odoo set up with what the sink and the connector expect, the demo
 * feed, pinned images, secrets from variables, mounts that exist.
 */
class ComposeStackTest {

    private static final ComposeFile COMPOSE = Repository.compose();
    /** What Trestle reads and writes in Odoo (see libs/odoo-client, the sink and the connector). */
    private static final Set<String> ODOO_MODULES = Set.of("account", "hr_timesheet", "maintenance", "project",
            "purchase");
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|API_KEY|API_KEYS|SECRET|SECRETS)$");

    @Test
    void everyImageIsPinnedToATag() {
        List<String> unpinned = COMPOSE.services().values().stream()
                .filter(service -> service.imageTag().filter(tag -> !tag.equals("latest")).isEmpty())
                .map(service -> service.name() + ": " + service.image()).toList();

        assertThat(unpinned).as("images without a tag, or tagged latest").isEmpty();
    }

    @Test
    void kafkaIsTheOfficialImageOfTheBuildsKafkaRunningInKraftModeWithoutAutoCreatedTopics() {
        ComposeService kafka = COMPOSE.service("kafka");

        assertThat(kafka.image()).isEqualTo("apache/kafka:" + Repository.kafkaVersion());
        assertThat(kafka.environment()).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @Test
    void registryIsApicurioRegistry3EnforcingBackwardCompatibility() {
        ComposeService registry = COMPOSE.service("registry");

        assertThat(registry.imageRepository()).isEqualTo("apicurio/apicurio-registry");
        assertThat(registry.imageTag()).hasValueSatisfying(tag -> assertThat(tag).startsWith("3."));
        assertThat(registry.environment()).containsEntry("APICURIO_RULES_GLOBAL_COMPATIBILITY", "BACKWARD");
    }

    @Test
    void postgresRunsWithLogicalReplicationAndRoomForTheConnectorsSlot() {
        List<String> command = COMPOSE.service("postgres").command();

        assertThat(command).contains("wal_level=logical");
        assertThat(intSetting(command, "max_replication_slots")).isPositive();
        assertThat(intSetting(command, "max_wal_senders")).isPositive();
    }

    @Test
    void theReplicationRoleIsTheOneTheConnectorLogsInAs() {
        ComposeService postgres = COMPOSE.service("postgres");
        ConnectorConfig.Cdc cdc = connector().cdc();

        assertThat(postgres.volumes()).anySatisfy(mount -> {
            assertThat(mount.target()).startsWith("/docker-entrypoint-initdb.d/");
            assertThat(Repository.root().resolve(mount.source())).content().contains("REPLICATION");
        });
        assertThat(cdc.user()).contains(postgres.environment().get("TRESTLE_CDC_USER"));
        assertThat(cdc.password()).contains(postgres.environment().get("TRESTLE_CDC_PASSWORD"));
    }

    @Test
    void odooConnectorCapturesTheStacksOdooDatabaseInCdcMode() {
        ConnectorConfig connector = connector();
        Map<String, String> setup = COMPOSE.service("odoo-setup").environment();

        assertThat(connector.mode()).isEqualTo(ConnectorConfig.Mode.CDC);
        assertThatCode(() -> ModeSettings.check(connector)).doesNotThrowAnyException();
        assertThat(COMPOSE.service(connector.cdc().host().orElseThrow()).imageRepository()).as("CDC host")
                .isEqualTo("postgres");
        assertThat(connector.cdc().database()).contains(setup.get("ODOO_DATABASE"));
        assertThat(connector.cdc().user()).contains(setup.get("TRESTLE_CDC_USER"));
        assertThat(connector.cdc().publication()).isEqualTo(setup.get("TRESTLE_CDC_PUBLICATION"));
    }

    @Test
    void odooSetupGrantsAndPublishesExactlyTheTablesTheConnectorReads() {
        String provision = Repository.read("deploy/compose/odoo/provision.py");
        List<String> captured = Stream.of(OdooModel.values()).map(OdooModel::table).toList();

        assertThat(pythonList(provision, "CAPTURED_TABLES")).containsExactlyInAnyOrderElementsOf(captured);
        assertThat(pythonList(provision, "READ_TABLES")).containsExactly("CAPTURED_TABLES", OdooModel.ASSIGNEE_TABLE);
    }

    @Test
    void odooSetupInstallsTheModulesTrestleUsesIntoTheDatabaseOdooServes() {
        Map<String, String> setup = COMPOSE.service("odoo-setup").environment();

        assertThat(Arrays.asList(setup.get("ODOO_MODULES").split(","))).containsAll(ODOO_MODULES);
        assertThat(COMPOSE.service("odoo").command()).containsSequence("-d", setup.get("ODOO_DATABASE"));
        assertThat(COMPOSE.service("odoo-setup").image()).isEqualTo(COMPOSE.service("odoo").image());
    }

    @Test
    void sinkWritesToTheStacksOdooAsTheUserAndOnTheAccountOdooSetupCreated() {
        SinkConfig.Odoo odoo = sink().odoo();
        Map<String, String> setup = COMPOSE.service("odoo-setup").environment();

        assertThat(odoo.url()).isEqualTo(URI.create("http://odoo:" + containerPort("odoo")));
        assertThat(odoo.database()).isEqualTo(setup.get("ODOO_DATABASE"));
        assertThat(odoo.login()).isEqualTo(setup.get("TRESTLE_ODOO_LOGIN"));
        assertThat(odoo.apiKey()).isEqualTo(setup.get("TRESTLE_ODOO_PASSWORD"));
        assertThat(sink().costs().unallocatedAccountId())
                .contains(Long.valueOf(setup.get("TRESTLE_UNALLOCATED_ACCOUNT_ID")));
    }

    @Test
    void demoFeedPostsAsTheClientItsFilesNameAndChecksTheSinksOdoo() {
        ComposeService feed = COMPOSE.service("demo-feed");
        Map<String, String> settings = feed.environment();
        ApiKeys pushClients = ApiKeys.parse("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS", Arrays.asList(COMPOSE
                .service("equipment-connector").environment().get("TRESTLE_EQUIPMENT_CONNECTOR_API_KEYS").split(",")));
        Path files = Repository.root().resolve(feed.volumes().stream()
                .filter(mount -> mount.target().equals("/opt/trestle/feed")).findFirst().orElseThrow().source());

        assertThat(settings).containsEntry("TRESTLE_EQUIPMENT_URL",
                "http://equipment-connector:" + containerPort("equipment-connector"));
        assertThat(feedSources(files)).isNotEmpty().allSatisfy(source -> assertThat(pushClients.clientOf(settings.get(
                "TRESTLE_DEMO_API_KEY"))).as("client the demo key authenticates as").contains(source));
        assertThat(settings.get("ODOO_URL")).isEqualTo(sink().odoo().url().toString());
        assertThat(settings).containsEntry("ODOO_DATABASE", sink().odoo().database())
                .containsEntry("TRESTLE_ODOO_LOGIN", sink().odoo().login())
                .containsEntry("TRESTLE_ODOO_PASSWORD", sink().odoo().apiKey())
                .containsEntry("TRESTLE_UNALLOCATED_ACCOUNT_ID",
                        String.valueOf(sink().costs().unallocatedAccountId().orElseThrow()));
    }

    @Test
    void secretsComeFromVariablesWhoseDefaultsServeOnlyTheDemo() {
        List<String> literal = new ArrayList<>();
        COMPOSE.services().values().forEach(service -> service.rawEnvironment().forEach((name, value) -> {
            if (SECRET.matcher(name).matches() && !value.contains("${")) {
                literal.add(service.name() + " " + name);
            }
        }));

        assertThat(literal).as("secrets written into docker-compose.yml instead of taken from a variable").isEmpty();
    }

    @Test
    void everyFileMountedFromTheRepositoryExistsOrIsBuiltByAModuleAndIsReadOnly() {
        assertThat(COMPOSE.services().values().stream().flatMap(service -> service.volumes().stream())
                .filter(ComposeService.Mount::bind)).isNotEmpty().allSatisfy(mount -> {
                    assertThat(mount.readOnly()).as("%s is mounted read-only", mount.source()).isTrue();
                    Path source = Repository.root().resolve(mount.source()).normalize();
                    int target = mount.source().indexOf("/target/");
                    if (target >= 0) {
                        assertThat(Repository.root().resolve(mount.source().substring(0, target)).resolve("pom.xml"))
                                .as("module building %s", mount.source()).exists();
                    } else {
                        assertThat(source).as("mounted into %s", mount.target()).exists();
                    }
                });
    }

    @Test
    void namedVolumesAreDeclaredAndTheServicesStateVolumesHandedToTheirUser() {
        String user = Repository.imagesProfile().property("quarkus.jib.user");
        String group = Repository.imagesProfile().property("quarkus.container-image.group");
        ComposeService permissions = COMPOSE.service("volume-permissions");
        Set<String> named = new LinkedHashSet<>();
        COMPOSE.services().values().forEach(service -> service.volumes().stream().filter(mount -> !mount.bind())
                .forEach(mount -> named.add(mount.source())));

        assertThat(COMPOSE.volumes()).containsExactlyInAnyOrderElementsOf(named);
        COMPOSE.services().values().stream().filter(service -> service.image().startsWith(group + "/"))
                .flatMap(service -> service.volumes().stream()).filter(mount -> !mount.bind())
                .forEach(mount -> assertThat(permissions.volumes()).as("volume-permissions hands %s to user %s",
                        mount.source(), user).anySatisfy(handed -> {
                            assertThat(handed.source()).isEqualTo(mount.source());
                            assertThat(permissions.command()).containsSequence("-R", user + ":0")
                                    .contains(handed.target());
                        }));
    }

    private static ConnectorConfig connector() {
        return ServiceConfiguration.of(module("odoo-connector"), COMPOSE.service("odoo-connector").environment())
                .getConfigMapping(ConnectorConfig.class);
    }

    private static SinkConfig sink() {
        return ServiceConfiguration.of(module("odoo-sink"), COMPOSE.service("odoo-sink").environment())
                .getConfigMapping(SinkConfig.class);
    }

    private static ServiceModule module(String name) {
        return ServiceModule.read(Repository.root().resolve("services").resolve(name));
    }

    /** The port a service listens on inside its container, as published. */
    private static int containerPort(String service) {
        return COMPOSE.service(service).ports().stream().findFirst().orElseThrow(
                () -> new AssertionError(service + " publishes no port")).container();
    }

    private static int intSetting(List<String> command, String name) {
        return command.stream().filter(argument -> argument.startsWith(name + "=")).findFirst()
                .map(argument -> Integer.parseInt(argument.substring(name.length() + 1)))
                .orElseThrow(() -> new AssertionError("postgres is started without -c " + name + "=…"));
    }

    /** The names in a Python list literal {@code NAME = ["a", "b"]} or {@code NAME = OTHER + ["c"]}. */
    private static List<String> pythonList(String source, String name) {
        Matcher definition = Pattern.compile("^" + name + " = (.+)$", Pattern.MULTILINE).matcher(source);
        assertThat(definition.find()).as("provision.py defines %s", name).isTrue();
        List<String> items = new ArrayList<>();
        Matcher item = Pattern.compile("\"([^\"]+)\"|\\b([A-Z_]+)\\b").matcher(definition.group(1));
        while (item.find()) {
            items.add(item.group(1) != null ? item.group(1) : item.group(2));
        }
        return items;
    }

    private static List<String> feedSources(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Pattern source = Pattern.compile("\"source\"\\s*:\\s*\"([^\"]+)\"");
            return files.filter(file -> file.getFileName().toString().matches("telemetry-.*\\.json")).sorted()
                    .map(file -> {
                        Matcher matcher = source.matcher(read(file));
                        assertThat(matcher.find()).as("%s names its source client", file).isTrue();
                        return matcher.group(1);
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
