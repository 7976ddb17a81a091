package io.trestle.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What must hold whatever the values: the chart's defaults and the production-like ci/production-values.yaml. */
class EveryValuesFileTest {

    private static final ServiceFacts FACTS = TrestleChart.facts();
    /** Environment variables that carry secrets; the chart may only ever fill them from Secrets. */
    private static final Pattern SECRET_ENV = Pattern
            .compile(".*(API_KEYS?|PASSWORD|SECRETS?|JAAS_CONFIG|AUTH_HEADER_VALUE|CREDENTIALS?)$");

    static Stream<Arguments> valuesFiles() {
        return Stream.of(Arguments.of("defaults", new Path[0]),
                Arguments.of("production", new Path[]{TrestleChart.productionValues()}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void helmLintFindsNothing(String name, Path[] values, @TempDir Path work) {
        var result = TrestleChart.lint(work, values);
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(TrestleChart.problems(result)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void everyServiceHasItsWorkloadServiceConfigMapBudgetAndNetworkPolicy(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        FACTS.services().forEach((service, facts) -> {
            String resource = "trestle-" + service;
            assertThat(manifests.workload(resource).get("kind")).as(service).isEqualTo(facts.workload());
            List<Map<String, Object>> ports = Yaml.at(manifests.get("Service", resource), "spec", "ports");
            assertThat(ports).singleElement().satisfies(port -> {
                assertThat(port.get("port")).isEqualTo(facts.port());
                assertThat(port.get("targetPort")).isEqualTo("http");
            });
            manifests.get("ConfigMap", resource);
            manifests.get("ServiceAccount", resource);
            assertThat(Yaml.<Integer>at(manifests.get("PodDisruptionBudget", resource), "spec", "maxUnavailable"))
                    .isEqualTo(1);
            manifests.get("NetworkPolicy", resource);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void everyContainerHasQuarkusHealthProbesAndLimits(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        FACTS.services().forEach((service, facts) -> {
            Map<String, Object> workload = manifests.workload("trestle-" + service);
            assertThat(Manifests.containers(workload)).isNotEmpty().allSatisfy(container -> {
                assertThat(Yaml.<String>at(container, "startupProbe", "httpGet", "path"))
                        .isEqualTo("/q/health/started");
                assertThat(Yaml.<String>at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
                assertThat(Yaml.<String>at(container, "readinessProbe", "httpGet", "path"))
                        .isEqualTo("/q/health/ready");
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(Yaml.<Object>at(container, probe, "httpGet", "port")).isEqualTo("http");
                }
                List<Map<String, Object>> ports = Yaml.at(container, "ports");
                assertThat(ports).singleElement()
                        .satisfies(port -> assertThat(port).containsEntry("name", "http")
                                .containsEntry("containerPort", facts.port()));
                for (String bound : List.of("requests", "limits")) {
                    assertThat(Yaml.<Map<String, Object>>at(container, "resources", bound))
                            .as("%s %s", service, bound).containsKeys("cpu", "memory");
                }
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void everyPodRunsAsNonRootOnAReadOnlyRootFilesystem(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        FACTS.services().keySet().forEach(service -> {
            Map<String, Object> workload = manifests.workload("trestle-" + service);
            Map<String, Object> pod = Yaml.at(workload, "spec", "template", "spec");
            assertThat(Yaml.<Boolean>at(pod, "securityContext", "runAsNonRoot")).as(service).isTrue();
            assertThat(Yaml.<Integer>at(pod, "securityContext", "runAsUser")).as(service).isPositive();
            assertThat(pod.get("automountServiceAccountToken")).as(service).isEqualTo(false);
            assertThat(Manifests.containers(workload)).allSatisfy(container -> {
                Map<String, Object> security = Yaml.at(container, "securityContext");
                assertThat(security).as(service).containsEntry("runAsNonRoot", true)
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
                assertThat(Yaml.<List<String>>at(security, "capabilities", "drop")).containsExactly("ALL");
                // The root filesystem is read-only: the JVM and Vert.x write to /tmp, an emptyDir.
                List<Map<String, Object>> mounts = Yaml.at(container, "volumeMounts");
                assertThat(mounts).anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void noSecretIsRenderedIntoAConfigMapOrAsAPlainValue(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        assertThat(manifests.ofKind("Secret")).as("the chart creates no Secrets; it names existing ones").isEmpty();
        for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
            Map<String, Object> data = Yaml.at(configMap, "data");
            assertThat(data.keySet()).as(Manifests.name(configMap)).noneMatch(key -> SECRET_ENV.matcher(key).matches());
            assertThat(data.values()).as(Manifests.name(configMap))
                    .noneMatch(value -> value.toString().contains("LoginModule"));
        }
        List<String> secretEnv = new ArrayList<>();
        for (String service : FACTS.services().keySet()) {
            for (Map<String, Object> container : Manifests.containers(manifests.workload("trestle-" + service))) {
                List<Map<String, Object>> env = Yaml.at(container, "env");
                for (Map<String, Object> variable : env == null ? List.<Map<String, Object>>of() : env) {
                    String variableName = (String) variable.get("name");
                    if (SECRET_ENV.matcher(variableName).matches()) {
                        assertThat(variable).as("%s %s", service, variableName).doesNotContainKey("value");
                        assertThat(Yaml.<Object>at(variable, "valueFrom", "secretKeyRef"))
                                .as("%s %s", service, variableName).isNotNull();
                        secretEnv.add(variableName);
                    }
                }
            }
        }
        // The Odoo API keys at least are secrets in every installation.
        assertThat(secretEnv).contains("TRESTLE_ODOO_SINK_ODOO_API_KEY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void networkPoliciesAllowOnlyTheHttpPortInAndDnsKafkaAndTheRegistryOut(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        Map<String, Object> networkPolicy = Yaml.at(TrestleChart.values(values), "networkPolicy");
        assertThat(manifests.ofKind("NetworkPolicy")).hasSize(FACTS.services().size());
        FACTS.services().forEach((service, facts) -> {
            Map<String, Object> policy = manifests.get("NetworkPolicy", "trestle-" + service);
            assertThat(Yaml.<Map<String, Object>>at(policy, "spec", "podSelector", "matchLabels"))
                    .containsEntry("app.kubernetes.io/component", service);
            assertThat(Yaml.<List<String>>at(policy, "spec", "policyTypes")).containsExactly("Ingress", "Egress");
            List<Map<String, Object>> ingress = Yaml.at(policy, "spec", "ingress");
            assertThat(ports(ingress)).as(service).allMatch("http"::equals);
            if (!facts.api()) {
                assertThat(ingress).as("%s has no API: only scrapers may connect", service)
                        .allSatisfy(rule -> assertThat(rule).containsKey("from"));
            }
            List<Map<String, Object>> egress = Yaml.at(policy, "spec", "egress");
            assertThat(egress).as("%s: every egress rule is limited to ports", service)
                    .allSatisfy(rule -> assertThat(rule).containsKey("ports"));
            assertThat(ports(egress)).as(service).contains(53)
                    .containsAll(Yaml.<List<Object>>at(networkPolicy, "kafka", "ports"))
                    .containsAll(Yaml.<List<Object>>at(networkPolicy, "registry", "ports"));
        });
    }

    private static List<Object> ports(List<Map<String, Object>> rules) {
        return rules.stream().flatMap(rule -> Yaml.<List<Map<String, Object>>>at(rule, "ports").stream())
                .map(port -> port.get("port")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void kafkaStreamsServicesKeepStateOnAVolumeUnderTheirStableApplicationId(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        FACTS.services().forEach((service, facts) -> {
            if (!facts.kafka().streams()) {
                return;
            }
            Map<String, Object> statefulSet = manifests.get("StatefulSet", "trestle-" + service);
            assertThat(Yaml.<List<Map<String, Object>>>at(statefulSet, "spec", "volumeClaimTemplates"))
                    .singleElement().satisfies(claim -> assertThat(Yaml.<String>at(claim, "metadata", "name"))
                            .isEqualTo("state"));
            Map<String, Object> container = Manifests.containers(statefulSet).get(0);
            List<Map<String, Object>> mounts = Yaml.at(container, "volumeMounts");
            assertThat(mounts).anySatisfy(mount -> assertThat(mount).containsEntry("name", "state")
                    .containsEntry("mountPath", "/var/lib/trestle/kafka-streams"));
            Map<String, Object> env = Yaml.at(manifests.get("ConfigMap", "trestle-" + service), "data");
            assertThat(env).containsEntry("KAFKA_STREAMS_STATE_DIR", "/var/lib/trestle/kafka-streams")
                    .containsEntry("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", facts.kafka().streamsApplicationId());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void singletonsRunOnceAndNeverTwiceDuringARollout(String name, Path[] values) {
        Manifests manifests = TrestleChart.render(values);
        FACTS.services().forEach((service, facts) -> {
            if (!facts.singleton()) {
                return;
            }
            Map<String, Object> workload = manifests.workload("trestle-" + service);
            assertThat(Yaml.<Integer>at(workload, "spec", "replicas")).as(service).isEqualTo(1);
            if ("Deployment".equals(workload.get("kind"))) {
                assertThat(Yaml.<String>at(workload, "spec", "strategy", "type")).as(service).isEqualTo("Recreate");
            }
            assertThat(manifests.find("HorizontalPodAutoscaler", "trestle-" + service)).as(service).isEmpty();
        });
    }
}
